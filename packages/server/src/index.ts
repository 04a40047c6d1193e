// @teamset/server: the Fastify application and the process entry used by `teamset serve`.
export { buildApp, DEFAULT_FAILED_AUTH_LIMIT, SERVER_VERSION, type AppOptions } from './app.js';
export {
  startServer,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type RunningServer,
  type StartServerOptions,
} from './start-server.js';
export { REDACT_PATHS } from './http/logging.js';
export { formatLogLine, prettyLogStream } from './http/pretty-log-stream.js';
