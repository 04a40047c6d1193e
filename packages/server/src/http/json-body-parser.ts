// JSON bodies: Fastify's own parser (poisoned __proto__/constructor keys refused) over UTF-8 only, plus a note of bodies that cannot hold NUL; NDJSON kept as bytes.
import { isUtf8 } from 'node:buffer';
import { NDJSON_CONTENT_TYPE } from '@teamset/contract';
import { badRequest } from '@teamset/core';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';

/** Parsed bodies whose text has no `\u0000` escape: no string inside them can hold NUL. */
const nulFree = new WeakSet<object>();

/**
 * Whether `value` is a parsed JSON body known to hold no NUL character. JSON text can carry NUL only as the
 * escape `\u0000` (a raw one is invalid JSON), so one native search of the text answers for the whole body;
 * the validator's walk over every string of a megabyte-sized sample batch is then skipped.
 */
export function isNulFreeBody(value: unknown): boolean {
  return typeof value === 'object' && value !== null && nulFree.has(value);
}

/**
 * A body's text, its bytes checked first: decoding bytes that are not UTF-8 would turn them into U+FFFD, and
 * that would be stored. One native pass over the bytes.
 */
export function utf8BodyText(body: Buffer | string): string {
  if (typeof body === 'string') return body;
  if (!isUtf8(body)) throw badRequest('The request body is not valid UTF-8');
  return body.toString('utf8');
}

export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8BodyText(body);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parse(request, text, (error, value) => {
      // `\\u0000` (an escaped backslash, then "u0000") also matches: a false alarm that only costs the walk.
      if (!error && typeof value === 'object' && value !== null && !text.includes('\\u0000')) nulFree.add(value);
      done(error, value);
    });
  });
}

/** An NDJSON body, unparsed: only a route that opts in (ndjsonOr) takes it, and core parses it a line at a time. */
export class NdjsonBody {
  /** The UTF-8 bytes as received: core cuts a large body at a line end and hands one part to a worker undecoded. */
  constructor(readonly bytes: Buffer) {}
}

export function installNdjsonBodyParser(app: FastifyInstance): void {
  app.addContentTypeParser(NDJSON_CONTENT_TYPE, { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, new NdjsonBody(typeof body === 'string' ? Buffer.from(body) : body));
  });
}

/** A route's body validator that also lets an NDJSON body through, for the handler (and core) to check. */
export function ndjsonOr(compile: FastifySchemaCompiler<TSchema>): FastifySchemaCompiler<TSchema> {
  return (route) => {
    const validate = compile(route);
    if (route.httpPart !== 'body') return validate;
    return (input: unknown) => (input instanceof NdjsonBody ? { value: input } : validate(input));
  };
}
