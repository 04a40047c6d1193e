// One line per request and one per answer, at debug: a running server's log at info shows what needs a person.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** Fastify's request lines at debug instead of info; a request that failed stays an error line. */
export class DebugRequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    // The request again, so that a reader of this line alone (grep, the readable format) sees what was answered.
    if (error)
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }

  /** Fastify's own note is info and has the raw URL, whose query may carry a token: the path only, at debug. */
  override routeNotFound(request: FastifyRequest): void {
    if (!this.isLogDisabled(request))
      request.log.debug(`Route ${request.method}:${request.url.split('?')[0] ?? ''} not found`);
  }
}
