// `teamset datasets stats NAME [--view FILE] [--top N]`: a dataset's or view's facets (counts, tags, classes, confidences, fields).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_FACET_TOP, loadDataset } from '@teamset/sdk';
import { UsageError } from '../cli-errors.js';
import { parsePositiveInt } from '../option-parsers.js';
import { renderFacets } from '../render/facets.js';
import { withConnection } from './transfer-options.js';

interface StatsOptions {
  view?: string;
  top?: number;
  bins?: number;
}

/** The view JSON in a file: `{"stages": […]}`, as saved views and the API take it. */
function readViewFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the view file ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`the view file ${file} is not JSON: ${(error as Error).message}`);
  }
}

export function registerDatasetStatsCommand(datasets: Command): void {
  datasets
    .command('stats')
    .description(
      'count samples, sample and label tags, classes and confidences of each label field, and the values of each field',
    )
    .argument('<name>', 'dataset name')
    .option('--view <file>', 'a view JSON file ({"stages": [...]}) to describe instead of the whole dataset')
    .option('--top <n>', `values listed per class or string field (default ${DEFAULT_FACET_TOP})`, parsePositiveInt)
    .option('--bins <n>', 'histogram bins of confidences and numeric fields (default 10)', parsePositiveInt)
    .action(async (name: string, options: StatsOptions, command: Command) => {
      const view = options.view === undefined ? undefined : readViewFile(options.view);
      await withConnection(command, async (ctx, connection) => {
        const dataset = await loadDataset(name, connection);
        let target;
        try {
          target = dataset.view(view);
        } catch (error) {
          throw new UsageError(`the view file ${options.view ?? ''}: ${(error as Error).message}`);
        }
        const facets = await target.facets({
          ...(options.top !== undefined ? { top: options.top } : {}),
          ...(options.bins !== undefined ? { bins: options.bins } : {}),
        });
        if (ctx.out.json) return ctx.out.writeJson({ dataset: name, view: target.toJSON(), ...facets });
        const title =
          options.view === undefined
            ? `Dataset ${JSON.stringify(name)}`
            : `Dataset ${JSON.stringify(name)}, view ${options.view}`;
        renderFacets(ctx.out, title, facets);
      });
    });
}
