// Worker thread: parses and checks runs of COCO annotations the reader on the main thread hands over as text.
import { parentPort } from 'node:worker_threads';
import { ProblemRecord } from '../problem-record.js';
import { AnnotationReader } from './coco-annotations.js';
import type { AnnotationJob, AnnotationReply } from './coco-annotation-job.js';

const decoder = new TextDecoder();

function readRun(job: AnnotationJob): AnnotationReply {
  let values: unknown;
  try {
    values = JSON.parse(`[${decoder.decode(job.text)}]`);
  } catch {
    // The cut fell inside an element (or the file is not JSON there): the reader reads the file again in one pass.
    return { id: job.id, ok: false };
  }
  // Fewer elements than separators counted: one of them was inside an element.
  if (!Array.isArray(values) || values.length !== job.count) return { id: job.id, ok: false };
  const problems = new ProblemRecord(job.listed);
  const reader = new AnnotationReader(job.file, problems);
  for (let i = 0; i < values.length; i++) reader.read(job.first + i, values[i]);
  return { id: job.id, ok: true, table: reader.finish(), problems: problems.toData() };
}

const port = parentPort;
if (!port) throw new Error('coco-annotation-worker runs as a worker thread');
port.on('message', (job: AnnotationJob) => {
  const reply = readRun(job);
  port.postMessage(reply, reply.ok ? [reply.table.values.buffer as ArrayBuffer] : []);
});
