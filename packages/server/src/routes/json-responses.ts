// A route option that serializes responses with plain JSON.stringify instead of the response schema's compiled serializer.
import type { FastifySerializerCompiler } from 'fastify';

const stringify = (data: unknown): string => JSON.stringify(data);
const serializerCompiler: FastifySerializerCompiler<unknown> = () => stringify;

/**
 * For two kinds of response, spread into the route options (the response schema stays, for the OpenAPI document):
 * - open documents (samples with custom fields at the top level, values of any type): fast-json-stringify walks
 *   them slowly through additionalProperties, and sample pages are the hot path of iterating a dataset;
 * - shapes it cannot compile or serialize: the recursive view expression ("resolves to more than one schema") in
 *   saved views, and the `bounds` tuple of aggregations (TypeBox writes prefixItems; a valid answer became a 500).
 */
export const JSON_STRINGIFY_RESPONSES = { serializerCompiler } as const;
