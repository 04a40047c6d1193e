// Sends a file on disk as an HTTP response: validators and 304, a single byte range (206/416), HEAD, streamed never buffered.
import { createReadStream } from 'node:fs';
import type { ErrorBody } from '@teamset/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseRange } from './byte-range.js';
import { isNotModified, rangeStillValid, type Validators } from './conditional.js';

export interface FileToSend {
  path: string;
  size: number;
  contentType: string;
  validators: Validators;
  cacheControl: string;
  /** Extra response headers (e.g. how a thumbnail was made). */
  headers?: Record<string, string>;
}

/** The headers a 200, 206 and 304 share: validators, caching, ranges, no sniffing. */
function setCachingHeaders(
  reply: FastifyReply,
  file: Pick<FileToSend, 'validators' | 'cacheControl' | 'headers'>,
): void {
  reply.header('etag', file.validators.etag);
  reply.header('last-modified', file.validators.lastModified.toUTCString());
  reply.header('cache-control', file.cacheControl);
  reply.header('accept-ranges', 'bytes');
  // Served from our origin with the session cookie: never let a browser second-guess the type into HTML.
  reply.header('x-content-type-options', 'nosniff');
  for (const [name, value] of Object.entries(file.headers ?? {})) reply.header(name, value);
}

/** 304 with the validators, for a client whose copy is current (decided before any work on the body). */
export function sendNotModified(
  reply: FastifyReply,
  file: Pick<FileToSend, 'validators' | 'cacheControl' | 'headers'>,
): FastifyReply {
  setCachingHeaders(reply, file);
  return reply.code(304).send();
}

export function sendFile(request: FastifyRequest, reply: FastifyReply, file: FileToSend): FastifyReply {
  const { validators } = file;
  if (isNotModified(request.headers, validators)) return sendNotModified(reply, file);
  setCachingHeaders(reply, file);

  const ifRange = request.headers['if-range'];
  const range = rangeStillValid(typeof ifRange === 'string' ? ifRange : undefined, validators)
    ? parseRange(request.headers.range, file.size)
    : { kind: 'whole' as const };
  if (range.kind === 'unsatisfiable') {
    // The ErrorBody shape like every error; BAD_REQUEST is what the contract maps 416 to (errorCodeForStatus).
    const body: ErrorBody = {
      error: {
        code: 'BAD_REQUEST',
        message: `The requested range is not satisfiable: the file has ${file.size} bytes`,
        requestId: request.id,
      },
    };
    return reply
      .code(416)
      .header('content-range', `bytes */${file.size}`)
      .type('application/json; charset=utf-8')
      .send(body);
  }

  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : file.size - 1;
  const length = file.size === 0 ? 0 : end - start + 1;
  if (range.kind === 'partial') reply.code(206).header('content-range', `bytes ${start}-${end}/${file.size}`);
  reply.type(file.contentType);
  reply.header('content-length', String(length));
  if (request.method === 'HEAD' || length === 0) return reply.send();
  return reply.send(createReadStream(file.path, { start, end }));
}
