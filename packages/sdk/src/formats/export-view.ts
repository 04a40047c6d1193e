// Writes a view to a directory in the format asked for.
import { exportCoco } from './coco/coco-export.js';
import { exportFiftyOne } from './fiftyone/fiftyone-export.js';
import type { ExportSource } from './transfer-ports.js';
import { FORMAT_TYPES, MEDIA_MODES, type ExportDirOptions, type TransferSummary } from './transfer-types.js';
import { exportYolo } from './yolo/yolo-export.js';

/**
 * Needs VIEW on the dataset (the server answers 404 otherwise, before anything is written). docs/design.md §2 also
 * bars guests from exporting: over the API that holds already, since a guest's key does not authenticate;
 * over the database connection there is no user to check.
 */
export function exportView(source: ExportSource, dir: string, options: ExportDirOptions): Promise<TransferSummary> {
  if (options.media !== undefined && !(MEDIA_MODES as readonly string[]).includes(options.media)) {
    throw new TypeError(`media must be one of ${MEDIA_MODES.join(', ')}, got ${JSON.stringify(options.media)}`);
  }
  switch (options.type) {
    case 'coco':
      return exportCoco(source, dir, options);
    case 'yolo':
      return exportYolo(source, dir, options);
    case 'fiftyone':
      return exportFiftyOne(source, dir, options);
    default:
      throw new TypeError(`type must be one of ${FORMAT_TYPES.join(', ')}, got ${JSON.stringify(options.type)}`);
  }
}
