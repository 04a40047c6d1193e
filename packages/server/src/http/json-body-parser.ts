// JSON bodies: Fastify's own parser (poisoned __proto__/constructor keys refused), plus a note of bodies that cannot hold NUL; NDJSON kept as text.
import { NDJSON_CONTENT_TYPE } from '@teamset/contract';
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

export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
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
