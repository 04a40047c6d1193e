// TeamsetCommand: commander's Command with run(), an action that gets the CLI context, its parsed arguments and options.
import { Command, type OptionValues } from 'commander';
import { CliContext } from './cli-context.js';

export class TeamsetCommand extends Command {
  /** Subcommands (`.command(…)`) are TeamsetCommands too. */
  override createCommand(name?: string): TeamsetCommand {
    return new TeamsetCommand(name);
  }

  /**
   * Sets the action: the body gets this command's context (the global flags), its arguments as parsed (each through
   * its own parser; a variadic one as an array) and its options.
   */
  run<A extends unknown[] = [], O extends OptionValues = OptionValues>(
    body: (ctx: CliContext, args: A, options: O) => Promise<unknown>,
  ): this {
    return this.action(async () => {
      await body(CliContext.of(this), this.processedArgs as A, this.opts<O>());
    });
  }
}
