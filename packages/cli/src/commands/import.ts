// `teamset import <path> --type coco|yolo|fiftyone --dataset NAME`: into a new dataset, or added to an existing one (EDIT).
import type { Command } from 'commander';
import {
  Dataset,
  InvalidInputError,
  datasetExists,
  loadDataset,
  type FormatType,
  type ImportDirOptions,
} from '@teamset/sdk';
import { CliError } from '../cli-errors.js';
import { PROBLEMS_ON_TERMINAL, ProblemsFile, problemLines } from '../render/import-problems.js';
import type { Output } from '../render/output.js';
import { formatDuration } from '../render/duration.js';
import { TransferProgressReporter } from '../render/transfer-progress.js';
import { parseFormatType, withConnection } from './transfer-options.js';

interface ImportOptions {
  type: FormatType;
  dataset: string;
  labelField?: string;
  skipInvalid?: boolean;
  imagesDir?: string;
  problemsFile?: string;
}

/** Several problems: the first ones before the one-line error, and where the file is when one was asked for. */
function reportProblems(out: Output, error: InvalidInputError, problemsFile: string | undefined): void {
  if (error.total > 1 || problemsFile !== undefined)
    for (const line of problemLines(error.problems, error.total, problemsFile)) out.note(line);
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'import a COCO file, YOLOv5 directory or FiftyOne dataset directory into a dataset (created if missing)',
    )
    .argument(
      '<path>',
      'COCO: the JSON file, or a directory with labels.json and data/; YOLO and FiftyOne: the directory',
    )
    .requiredOption('--type <type>', `input format: ${['coco', 'yolo', 'fiftyone'].join(', ')}`, parseFormatType)
    .requiredOption(
      '--dataset <name>',
      'dataset to import into; created (with you as its manager) when it does not exist',
    )
    .option('--label-field <field>', 'COCO and YOLO: the Detections field to fill (default ground_truth)')
    .option(
      '--skip-invalid',
      'skip invalid annotations, unknown images or categories and bad label lines, listing them as warnings',
    )
    .option('--images-dir <dir>', 'COCO: the directory file_name is relative to; YOLO: the images directory')
    .option(
      '--problems-file <file>',
      `when the input has problems, write every one to this file, one a line (stderr shows the first ${PROBLEMS_ON_TERMINAL})`,
    )
    .action(async (path: string, options: ImportOptions, command: Command) => {
      await withConnection(command, async (ctx, connection) => {
        const progress = new TransferProgressReporter();
        const problems = options.problemsFile === undefined ? undefined : new ProblemsFile(options.problemsFile);
        const input: ImportDirOptions = {
          type: options.type,
          ...(options.labelField !== undefined ? { labelField: options.labelField } : {}),
          ...(options.imagesDir !== undefined ? { imagesDir: options.imagesDir } : {}),
          skipInvalid: Boolean(options.skipInvalid),
          progress: progress.update,
          ...(problems ? { onProblem: problems.add } : {}),
        };
        let result;
        try {
          const created = !(await datasetExists(options.dataset, connection));
          const summary = created
            ? (await Dataset.importFromDir(path, { ...input, name: options.dataset }, connection)).summary
            : await (await loadDataset(options.dataset, connection)).addDir(path, input);
          result = { dataset: options.dataset, created, ...summary };
        } catch (error) {
          // A problem that stops the read at once (fatal) is thrown rather than reported as it is found.
          if (error instanceof InvalidInputError && problems?.count === 0)
            for (const message of error.problems) problems.add({ kind: 'error', message });
          if (error instanceof InvalidInputError) reportProblems(ctx.out, error, options.problemsFile);
          if (error instanceof InvalidInputError && error.skippable)
            throw new CliError(`${error.message}; nothing was imported (--skip-invalid skips such items)`, {
              cause: error,
            });
          if (error instanceof InvalidInputError)
            throw new CliError(`${error.message}; nothing was imported`, { cause: error });
          throw error;
        } finally {
          progress.stop();
          problems?.close();
        }
        if (ctx.out.json) return ctx.out.writeJson(result);
        for (const warning of result.warnings) ctx.out.note(`teamset: warning: ${warning}`);
        if (problems && problems.count > 0)
          ctx.out.note(`teamset: all ${problems.count} warnings are in ${problems.path}`);
        const into = result.created
          ? `new dataset ${JSON.stringify(result.dataset)}`
          : `dataset ${JSON.stringify(result.dataset)}`;
        ctx.out.line(
          `Imported ${result.samples} samples with ${result.labels} labels into ${into} in ${formatDuration(result.seconds)}`,
        );
      });
    });
}
