// `teamset serve`: runs the server on database_uri until SIGINT/SIGTERM, then closes it gracefully.
import { delimiter } from 'node:path';
import type { Command } from 'commander';
import { CliContext } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import {
  parseGraphqlMaxDepth,
  parsePort,
  parsePositiveInt,
  parseQueryTimeout,
  parseReaderCount,
} from '../option-parsers.js';
import { DEFAULT_SERVE_PORT } from '../serve-defaults.js';
import { serveBanner } from '../render/serve-banner.js';
import { listenError, parseLogFormat, parseLogLevel, serveLogging, type LogFormat } from '../serve-logging.js';

interface ServeOptions {
  port: number;
  host: string;
  publicUrl?: string;
  trustProxy: boolean;
  logLevel?: string;
  logFormat?: LogFormat;
  queryTimeout?: number;
  mediaRoot?: string[];
  thumbnailCache?: number;
  graphqlMaxDepth?: number;
  graphqlMaxCost?: number;
  maxSchemaFields?: number;
  readers?: number;
}

/** Loopback by default: exposing the server to the network is a decision to make explicitly (--host 0.0.0.0). */
export const DEFAULT_SERVE_HOST = '127.0.0.1';
export const DEFAULT_QUERY_TIMEOUT_S = 30;
/** For the help text: the server's own default (DEFAULT_THUMBNAIL_CACHE_BYTES), which applies when nothing is given. */
const DEFAULT_THUMBNAIL_CACHE_MIB = 4096;
/** For the help texts: the server's and core's own defaults (DEFAULT_GRAPHQL_LIMITS, DEFAULT_MAX_SCHEMA_FIELDS). */
const DEFAULT_GRAPHQL_MAX_DEPTH = 16;
const DEFAULT_GRAPHQL_MAX_COST = 2000;
const DEFAULT_MAX_SCHEMA_FIELDS = 1000;

/**
 * Media roots of this server: the --media-root flags when given, else TEAMSET_MEDIA_ROOTS (path-delimiter separated),
 * as --public-url overrides TEAMSET_PUBLIC_URL. Either way they are added to the organization's media roots.
 */
export function serverMediaRoots(flags: string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (flags && flags.length > 0) return flags;
  return (env.TEAMSET_MEDIA_ROOTS ?? '').split(delimiter).filter((path) => path.trim() !== '');
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    // Handlers come off at the first signal, so a second Ctrl+C falls back to Node's default: exit now.
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** A setting's environment variable, read when its flag is not given; a bad value is a usage error, not silently the default. */
function optionFromEnv<T>(name: string, parse: (raw: string) => T): T | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    return parse(raw);
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'start the Teamset server (database from FIFTYONE_DATABASE_URI / database_uri, else ~/.teamset/teamset.db)',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, DEFAULT_SERVE_PORT)
    .option(
      '--host <host>',
      'address to listen on; use 0.0.0.0 to accept connections from other machines',
      DEFAULT_SERVE_HOST,
    )
    .option(
      '--public-url <url>',
      'the address people use to reach the server (for invitation links), e.g. behind a proxy; default TEAMSET_PUBLIC_URL',
      process.env.TEAMSET_PUBLIC_URL || undefined,
    )
    .option(
      '--trust-proxy',
      'trust X-Forwarded-* headers (client address, https) from a reverse proxy; default TEAMSET_TRUST_PROXY=true',
      process.env.TEAMSET_TRUST_PROXY === 'true',
    )
    .option(
      '--log-level <level>',
      'fatal, error, warn, info, debug (every request) or trace; default TEAMSET_LOG_LEVEL or info',
      parseLogLevel,
    )
    .option(
      '--log-format <format>',
      'json or pretty; default TEAMSET_LOG_FORMAT, else pretty on a terminal and json otherwise',
      parseLogFormat,
    )
    .option(
      '--media-root <dir>',
      `a directory sample media may be served from (repeatable; default TEAMSET_MEDIA_ROOTS, "${delimiter}"-separated); added to the media roots admins set in organization settings`,
      (dir: string, previous: string[] | undefined) => [...(previous ?? []), dir],
    )
    .option(
      '--query-timeout <seconds>',
      'budget of one view query (filters, sorts, aggregations) before it is cancelled; default TEAMSET_QUERY_TIMEOUT or 30',
      parseQueryTimeout,
    )
    .option(
      '--thumbnail-cache <MiB>',
      `most disk space for the thumbnail cache (TEAMSET_HOME/thumbnails); the least recently served go first; default TEAMSET_THUMBNAIL_CACHE_MB or ${DEFAULT_THUMBNAIL_CACHE_MIB}`,
      parsePositiveInt,
    )
    .option(
      '--graphql-max-depth <n>',
      `most nested selection sets in one GraphQL operation, fragments expanded; default TEAMSET_GRAPHQL_MAX_DEPTH or ${DEFAULT_GRAPHQL_MAX_DEPTH} (at most 200)`,
      parseGraphqlMaxDepth,
    )
    .option(
      '--graphql-max-cost <n>',
      `most estimated resolver calls in one GraphQL operation, lists multiplying what they hold; default TEAMSET_GRAPHQL_MAX_COST or ${DEFAULT_GRAPHQL_MAX_COST}`,
      parsePositiveInt,
    )
    .option(
      '--max-schema-fields <n>',
      `most schema fields (field paths, nested ones included) one dataset may have; default TEAMSET_MAX_SCHEMA_FIELDS or ${DEFAULT_MAX_SCHEMA_FIELDS}`,
      parsePositiveInt,
    )
    .option(
      '--readers <n>',
      'SQLite: threads that run view reads (filters, aggregations) beside the server, so a long one never stalls the others; 0 runs them on the main thread; default TEAMSET_READERS or one per CPU core (2 to 8)',
      parseReaderCount,
    )
    .action(async (options: ServeOptions, command: Command) => {
      const ctx = CliContext.of(command);
      const { databaseUri } = ctx.config();
      const queryTimeout =
        options.queryTimeout ?? optionFromEnv('TEAMSET_QUERY_TIMEOUT', parseQueryTimeout) ?? DEFAULT_QUERY_TIMEOUT_S;
      const thumbnailCacheMib = options.thumbnailCache ?? optionFromEnv('TEAMSET_THUMBNAIL_CACHE_MB', parsePositiveInt);
      const maxDepth = options.graphqlMaxDepth ?? optionFromEnv('TEAMSET_GRAPHQL_MAX_DEPTH', parseGraphqlMaxDepth);
      const maxCost = options.graphqlMaxCost ?? optionFromEnv('TEAMSET_GRAPHQL_MAX_COST', parsePositiveInt);
      const maxSchemaFields = options.maxSchemaFields ?? optionFromEnv('TEAMSET_MAX_SCHEMA_FIELDS', parsePositiveInt);
      const sqliteReaders = options.readers ?? optionFromEnv('TEAMSET_READERS', parseReaderCount);
      const logging = serveLogging(options, process.stdout.isTTY === true, optionFromEnv);
      const { startServer, prettyLogStream } = await import('@teamset/server');
      const server = await startServer({
        databaseUri,
        host: options.host,
        port: options.port,
        publicUrl: options.publicUrl,
        trustProxy: options.trustProxy,
        logLevel: logging.level,
        ...(logging.format === 'pretty' ? { logStream: prettyLogStream(process.stdout) } : {}),
        core: {
          queryTimeoutMs: queryTimeout * 1000,
          mediaRoots: serverMediaRoots(options.mediaRoot),
          walCheckpointer: true,
          ...(maxSchemaFields !== undefined ? { maxSchemaFields } : {}),
          ...(sqliteReaders !== undefined ? { sqliteReaders } : {}),
        },
        ...(thumbnailCacheMib !== undefined ? { thumbnailCacheBytes: thumbnailCacheMib * 1024 * 1024 } : {}),
        graphqlLimits: {
          ...(maxDepth !== undefined ? { maxDepth } : {}),
          ...(maxCost !== undefined ? { maxCost } : {}),
        },
      }).catch((error: unknown) => {
        throw listenError(error, options.port);
      });
      ctx.out.note(serveBanner({ url: server.url, database: server.database, logging, setupToken: server.setupToken }));
      const signal = await untilSignal();
      ctx.out.note(`Received ${signal}, shutting down…`);
      await server.close();
    });
}
