// The options and results of importing and exporting datasets in the field's formats (COCO, YOLO, FiftyOne).
import type { BatchLimits } from '../datasets/sample-batches.js';

export const FORMAT_TYPES = ['coco', 'yolo', 'fiftyone'] as const;
/** `coco`: COCO detection JSON; `yolo`: YOLOv5 directory; `fiftyone`: FiftyOne's own dataset directory (FiftyOneDataset). */
export type FormatType = (typeof FORMAT_TYPES)[number];

export const MEDIA_MODES = ['copy', 'symlink', 'reference'] as const;
/**
 * What an export does with the images: `copy` them into the export (default, as FiftyOne's
 * export_media=True: a self-contained directory that can move), `symlink` them, or `reference` them by
 * their absolute filepath without touching them (COCO and FiftyOne only: YOLO pairs images and label
 * files by name, so it needs the images in its own tree).
 */
export type MediaMode = (typeof MEDIA_MODES)[number];

export interface TransferProgress {
  /** `reading`: validating the input (done/total in bytes or files); then `importing` or `exporting` samples. */
  phase: 'reading' | 'importing' | 'exporting';
  done: number;
  /** null when not known in advance. */
  total: number | null;
  /** Since the phase started. */
  elapsedMs: number;
}

export interface ImportDirOptions {
  type: FormatType;
  /**
   * COCO and YOLO: the Detections field to fill (default `ground_truth`); COCO polygons go to
   * `<labelField>_segmentations`. Ignored for the FiftyOne format, whose fields keep their names.
   */
  labelField?: string;
  /** COCO: the directory `file_name`s are relative to; YOLO: the images directory (default `<dir>/images`). */
  imagesDir?: string;
  /** Skip invalid items (bad annotations, unknown images or categories) and list them as warnings instead of failing. */
  skipInvalid?: boolean;
  progress?: (progress: TransferProgress) => void;
  /**
   * Told of every problem as it is found, listed or not: the error and warning lists keep at most 100 of each
   * kind (a count stands for the rest), this sees them all, e.g. to write them to a file.
   */
  onProblem?: (problem: ImportProblem) => void;
  /** Batch limits of the underlying addSamples (tests and benchmarks). */
  batch?: Partial<BatchLimits>;
}

export interface FromDirOptions extends ImportDirOptions {
  /** Name of the dataset to create. */
  name: string;
}

export interface ExportDirOptions {
  type: FormatType;
  /** COCO and YOLO: the Detections field to write (default `ground_truth`, else the dataset's only Detections field). */
  labelField?: string;
  /** Default `copy`. */
  media?: MediaMode;
  /** YOLO: write each box's confidence as a sixth column (off by default: most YOLO trainers expect five). */
  includeConfidence?: boolean;
  progress?: (progress: TransferProgress) => void;
}

/** One problem of an import's input: an error (nothing is imported) or, with skipInvalid, a skipped item's warning. */
export interface ImportProblem {
  kind: 'error' | 'warning';
  message: string;
}

/** What an import or export did. */
export interface TransferSummary {
  samples: number;
  labels: number;
  seconds: number;
  /** Skipped items and things the format could not carry, at most MAX_LISTED_PROBLEMS of them plus a count line. */
  warnings: string[];
}
