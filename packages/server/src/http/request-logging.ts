// One line per request and one per response, at debug: a running server's log at info shows what needs a person.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Fastify's own request lines are at info; the app turns them off (disableRequestLogging) and logs these instead. */
export function installRequestLogging(app: FastifyInstance): void {
  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    request.log.debug({ req: request }, 'incoming request');
    done();
  });
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    request.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
}
