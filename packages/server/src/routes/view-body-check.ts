// A preValidation hook for bodies that carry a view: a malformed view is a 400 listing every bad part in details.problems.
import { formatProblems, validateView } from '@teamset/contract';
import { badRequest } from '@teamset/core';
import type { FastifyRequest } from 'fastify';

const MESSAGE_PROBLEMS = 5;

/**
 * Runs before the body schema: without it the TypeBox union of stages would reject a bad view with one vague
 * "body.view … must match a schema in anyOf", while validateView names each bad part (`stages[1].filter.args[0]`)
 * — the same problems the samples service reports for what only the dataset's schema can decide (unknown
 * field, wrong type). Its depth and size limits also stop a pathological view before the recursive schema check.
 * Bodies that are not objects, and absent views, are left to the schema.
 */
export async function checkViewInBody(request: FastifyRequest): Promise<void> {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
  const view = (body as Record<string, unknown>)['view'];
  if (view === undefined) return;
  const result = validateView(view);
  if (result.ok) return;
  // As core words it: the first few problems in the message, every one in details.problems.
  const { problems } = result;
  const more = problems.length > MESSAGE_PROBLEMS ? ` (and ${problems.length - MESSAGE_PROBLEMS} more)` : '';
  throw badRequest(`Invalid view: ${formatProblems(problems.slice(0, MESSAGE_PROBLEMS))}${more}`, { problems });
}
