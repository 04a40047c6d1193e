// Responses spliced from JSON texts core already made (sample pages): no parse and re-stringify per sample on the server.
import type { SamplePageJson } from '@teamset/core';
import type { FastifyReply } from 'fastify';

const JSON_UTF8 = 'application/json; charset=utf-8';

/** `{"samples":[…],"nextCursor":…}`, the contract's SamplePage, from each sample's JSON text. */
export function samplePageText(page: SamplePageJson): string {
  return `{"samples":[${page.samples.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}

/**
 * Sends JSON text as it is. Fastify passes a string with a JSON content type straight through, past the route's
 * serializer; the route keeps its response schema, which documents the body in OpenAPI.
 */
export function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type(JSON_UTF8).send(text);
}
