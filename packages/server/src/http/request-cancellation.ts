// Cancels a request's database work when its client closes the connection before the answer is sent.
import { runWithSignal } from '@teamset/core';
import type { FastifyInstance } from 'fastify';

/**
 * Every handler runs inside core's query context with an AbortSignal that fires when the response closes
 * unfinished (the client hung up or timed out). The view query runner reads it from the async context: a SQLite
 * read stops at its next deadline check in its reader thread, a PostgreSQL one gets pg_cancel_backend. Installed
 * as a preHandler, after the body is parsed: the handler and everything it awaits inherit the context.
 */
export function installRequestCancellation(app: FastifyInstance): void {
  app.addHook('preHandler', (request, reply, done) => {
    const controller = new AbortController();
    const response = reply.raw;
    const onClose = (): void => {
      if (!response.writableFinished) controller.abort();
    };
    response.once('close', onClose);
    runWithSignal(controller.signal, done);
  });
}
