// Importing and exporting datasets in the field's formats: COCO detection, YOLOv5 and FiftyOne's dataset directory.
export {
  FORMAT_TYPES,
  MEDIA_MODES,
  type ExportDirOptions,
  type FormatType,
  type FromDirOptions,
  type ImportDirOptions,
  type ImportProblem,
  type MediaMode,
  type TransferProgress,
  type TransferSummary,
} from './transfer-types.js';
export { InvalidInputError } from './invalid-input-error.js';
export { readImageSize, type ImageSize } from './image-size.js';
