// The thumbnail worker thread: renders one file per message, so decoding (seconds for a large JPEG) never blocks the server.
import { parentPort } from 'node:worker_threads';
import type { CropBox } from './crop-box.js';
import { renderThumbnailFile, type RenderLimits, type RenderResult } from './thumbnail-render.js';

export interface ThumbnailJob {
  id: number;
  path: string;
  maxSide: number;
  limits: RenderLimits;
  crop?: CropBox;
}

export type ThumbnailReply = { id: number; result: RenderResult } | { id: number; error: string };

parentPort?.on('message', (job: ThumbnailJob) => {
  renderThumbnailFile(job.path, job.maxSide, job.limits, job.crop).then(
    (result) => {
      const reply: ThumbnailReply = { id: job.id, result };
      // Hand the JPEG's memory over instead of copying it.
      parentPort?.postMessage(reply, result.ok ? [result.jpeg.buffer as ArrayBuffer] : []);
    },
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ThumbnailReply),
  );
});
