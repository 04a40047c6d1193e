// The messages between the COCO reader and its annotation worker.
import type { ProblemRecordData } from '../problem-record.js';
import type { AnnotationTable } from './coco-annotations.js';

export interface AnnotationJob {
  id: number;
  /** The file's name, for messages. */
  file: string;
  /** Index of the run's first element in the file's `annotations` list. */
  first: number;
  /** Elements the reader counted in the run. */
  count: number;
  /** UTF-8 text of the elements, `{…}, {…}` (transferred). */
  text: Uint8Array;
  /** Problems of each kind to keep word for word (ProblemRecord). */
  listed: number;
}

/** A run read, or (ok: false) found not to be `count` whole elements: the reader must start again in one pass. */
export type AnnotationReply =
  { id: number; ok: true; table: AnnotationTable; problems: ProblemRecordData } | { id: number; ok: false };
