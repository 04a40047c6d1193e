// The one place errors become HTTP: AppError codes, Fastify's own 4xx errors and validation failures → ErrorBody.
import { STATUS_CODES } from 'node:http';
import { errorCodeForStatus, httpStatusOf, type ErrorBody, type ErrorCode } from '@teamset/contract';
import { isAppError } from '@teamset/core';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';

type ValidationIssue = Partial<FastifySchemaValidationError>;

/** Names the offending field the way a person would write it: body.email, query.pageSize. */
export function describeValidation(
  context: string | undefined,
  issues: ValidationIssue[],
): { message: string; field: string } {
  const issue = issues[0] ?? {};
  const where = context === 'querystring' ? 'query' : (context ?? 'body');
  const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
  const extra = issue.params?.additionalProperty ?? issue.params?.missingProperty;
  const field = [path, typeof extra === 'string' ? extra : ''].filter(Boolean).join('.');
  const fieldName = field ? `${where}.${field}` : where;
  let message: string;
  if (issue.keyword === 'additionalProperties') message = `${fieldName} is not an allowed field`;
  else if (issue.keyword === 'required') message = `${fieldName} is required`;
  else if (issue.keyword === 'enum' && Array.isArray(issue.params?.allowedValues))
    message = `${fieldName} must be one of ${issue.params.allowedValues.join(', ')}`;
  else if (issue.keyword === 'minProperties' && issue.params?.limit === 1)
    message = `${fieldName} must have at least one field`;
  else message = `${fieldName} ${issue.message ?? 'is invalid'}`;
  return { message, field: fieldName };
}

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): FastifyReply {
  const body: ErrorBody = { error: { code, message, requestId: request.id, ...(details ? { details } : {}) } };
  return reply.code(httpStatusOf(code)).type('application/json; charset=utf-8').send(body);
}

/**
 * Router-level errors raised before any route matches (Fastify's `frameworkErrors`): a path with bad
 * percent-encoding, or a parameter over maxParamLength. Without this they got Fastify's own body.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id);
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A path parameter is too long'
      : 'The URL is not valid (bad percent-encoding)';
  sendError(reply, request, 'BAD_REQUEST', message);
}

/**
 * What a client error may say: Fastify's own (FST_ codes: too large, wrong content type, empty body) and a JSON
 * syntax error from the body parser describe the request; anything else with a 4xx status (a plugin's, a
 * library's) may carry paths or internals, so it says only the status's name.
 */
export function clientErrorMessage(error: FastifyError, status: number): string {
  if (typeof error.code === 'string' && error.code.startsWith('FST_')) return error.message;
  if (error instanceof SyntaxError) return error.message;
  return STATUS_CODES[status] ?? 'Bad Request';
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) return sendError(reply, request, error.code, error.message, error.details);
    if (error.validation) {
      const { message, field } = describeValidation(error.validationContext, error.validation as ValidationIssue[]);
      return sendError(reply, request, 'BAD_REQUEST', message, { field });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = errorCodeForStatus(status);
      if (status === 429 && reply.getHeader('retry-after') === undefined) reply.header('retry-after', '60');
      return sendError(reply, request, code, clientErrorMessage(error, status));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, request, 'INTERNAL', 'Internal server error');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, request, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}
