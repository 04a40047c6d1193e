// Responses spliced from JSON texts core already made (sample pages): no parse and re-stringify per sample on the server.
import type { SamplePageJson } from '@teamset/core';
import type { FastifyReply } from 'fastify';

const JSON_UTF8 = 'application/json; charset=utf-8';

const PAGE_HEAD = Buffer.from('{"samples":[');

/** `{"samples":[…],"nextCursor":…}`, the contract's SamplePage, as UTF-8 around the page's samples as core made them. */
export function samplePageBody(page: SamplePageJson): Buffer {
  const tail = Buffer.from(`],"nextCursor":${JSON.stringify(page.nextCursor)}}`);
  return Buffer.concat([PAGE_HEAD, page.samples, tail]);
}

/**
 * Sends JSON text (or its UTF-8 bytes) as it is. Fastify passes a string with a JSON content type, or a Buffer,
 * straight through, past the route's serializer; the route keeps its response schema, which documents the body.
 */
export function sendJsonText(reply: FastifyReply, text: string | Buffer): FastifyReply {
  return reply.type(JSON_UTF8).send(text);
}
