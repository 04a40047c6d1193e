// `teamset export NAME <dir> --type coco|yolo|fiftyone`: a dataset written in a field format (VIEW; not for guests).
import type { Command } from 'commander';
import { loadDataset, type FormatType, type MediaMode } from '@teamset/sdk';
import { formatDuration } from '../render/duration.js';
import { TransferProgressReporter } from '../render/transfer-progress.js';
import { parseFormatType, parseMediaMode, withConnection } from './transfer-options.js';

interface ExportOptions {
  type: FormatType;
  labelField?: string;
  media?: MediaMode;
  includeConfidence?: boolean;
}

const FORMAT_NAMES: Record<FormatType, string> = { coco: 'COCO', yolo: 'YOLOv5', fiftyone: 'a FiftyOne dataset' };

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export a dataset as COCO, YOLOv5 or a FiftyOne dataset directory')
    .argument('<name>', 'dataset name')
    .argument('<dir>', 'directory to write (created if missing)')
    .requiredOption('--type <type>', 'output format: coco, yolo, fiftyone', parseFormatType)
    .option(
      '--label-field <field>',
      'COCO and YOLO: the Detections field to write (default ground_truth, else the only one)',
    )
    .option(
      '--media <mode>',
      'copy the images into the export (default), symlink them, or reference them in place (not YOLO)',
      parseMediaMode,
    )
    .option('--include-confidence', 'YOLO: write each box’s confidence as a sixth column')
    .action(async (name: string, dir: string, options: ExportOptions, command: Command) => {
      await withConnection(command, async (ctx, connection) => {
        const progress = new TransferProgressReporter();
        let summary;
        try {
          const dataset = await loadDataset(name, connection);
          summary = await dataset.export(dir, {
            type: options.type,
            ...(options.labelField !== undefined ? { labelField: options.labelField } : {}),
            ...(options.media !== undefined ? { media: options.media } : {}),
            includeConfidence: Boolean(options.includeConfidence),
            progress: progress.update,
          });
        } finally {
          progress.stop();
        }
        if (ctx.out.json) return ctx.out.writeJson({ dataset: name, dir, ...summary });
        for (const warning of summary.warnings) ctx.out.note(`teamset: warning: ${warning}`);
        ctx.out.line(
          `Exported ${summary.samples} samples with ${summary.labels} labels of ${JSON.stringify(name)} to ${dir} as ${FORMAT_NAMES[options.type]} in ${formatDuration(summary.seconds)}`,
        );
      });
    });
}
