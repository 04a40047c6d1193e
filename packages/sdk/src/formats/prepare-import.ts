// Reads and validates an import's input in the format asked for; nothing is sent until this has succeeded.
import { prepareCocoImport } from './coco/coco-import.js';
import { prepareFiftyOneImport } from './fiftyone/fiftyone-import.js';
import type { PreparedImport } from './prepared-import.js';
import { FORMAT_TYPES, type ImportDirOptions } from './transfer-types.js';
import { prepareYoloImport } from './yolo/yolo-import.js';

export function prepareImport(path: string, options: ImportDirOptions): Promise<PreparedImport> {
  switch (options.type) {
    case 'coco':
      return prepareCocoImport(path, options);
    case 'yolo':
      return prepareYoloImport(path, options);
    case 'fiftyone':
      return prepareFiftyOneImport(path, options);
    default:
      throw new TypeError(`type must be one of ${FORMAT_TYPES.join(', ')}, got ${JSON.stringify(options.type)}`);
  }
}
