// Serves the web app at /: hashed assets cached for a year, index.html never cached, SPA fallback for page loads.
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** In the repository, from src/http (tests) and dist/http alike: packages/server/<dir>/http → packages/web/dist. */
const REPOSITORY_WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
/** Installed from a tarball: `npm run build` copies the web build into the server package's dist/web. */
const PACKAGED_WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

/**
 * The web build beside this module: the repository's own first, so a rebuilt web app is served without copying
 * it, then the copy an installed server package carries. Neither: the repository's, for the "not built" page.
 */
export function findWebRoot(candidates: readonly string[] = [REPOSITORY_WEB_ROOT, PACKAGED_WEB_ROOT]): string {
  return candidates.find((root) => existsSync(join(root, 'index.html'))) ?? candidates[0] ?? REPOSITORY_WEB_ROOT;
}

export const DEFAULT_WEB_ROOT = findWebRoot();

export interface WebAppOptions {
  /** The folder holding index.html and assets/ (the output of `vite build`). */
  root?: string;
}

/** Vite names every file under assets/ by its content hash, so a changed file gets a new URL: safe to cache for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets; a browser must check it on every load to pick up a new build. */
const REVALIDATE = 'no-cache';

/**
 * The page may talk only to this server and must not be framed (the keys page shows secrets once).
 * Inline styles are allowed because Mantine sets style attributes; scripts are only the built files. Images may be
 * `blob:`: the grid fetches thumbnails itself (to cancel those scrolled away and to tell why one failed) and shows
 * the bytes through an object URL, which only this page's own scripts can make.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that belong to the server: an unknown one there is a JSON 404, never the web app. */
export function isServerPath(path: string): boolean {
  const under = (prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);
  return under('/api') || under('/health') || path.startsWith('/docs') || path.startsWith('/graphql');
}

function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

const HTML_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': WEB_CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
};

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Teamset — web app not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The Teamset web app is not built</h1>
<p>The server is running and its JSON API works (see <a href="/docs">/docs</a>), but there is no web build to serve.</p>
<p>Build it with <code>npm run build</code> in the Teamset folder (or <code>npm run build -w packages/web</code>), then reload this page.</p>
</body></html>
`;

export async function registerWebApp(app: FastifyInstance, options: WebAppOptions = {}): Promise<void> {
  const root = options.root ?? DEFAULT_WEB_ROOT;
  const indexPath = join(root, 'index.html');
  // Read once: the static routes below are also fixed at start-up, so a new build means a restart anyway.
  const indexHtml = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : undefined;
  const assetsDir = join(root, 'assets') + sep;

  if (indexHtml !== undefined) {
    // Encapsulated: @fastify/swagger-ui registers @fastify/static too, and the two must not share reply decorators.
    await app.register(async (scope) => {
      await scope.register(fastifyStatic, {
        root,
        // One route per built file, found at start-up: no filesystem lookup for other paths, no directory listing.
        wildcard: false,
        index: false,
        cacheControl: false,
        serveDotFiles: false,
        setHeaders: (reply: FastifyReply, path: string) => {
          reply.header('cache-control', path.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE);
          if (path.endsWith('.html')) reply.headers(HTML_HEADERS);
        },
      });
    });
  }

  /**
   * A page load that matched no route is a client-side route (/settings/api-keys, /datasets/x): the app's
   * index.html renders it. Done in a hook on the not-found path rather than with a `/*` route, because the
   * router backtracks into a catch-all route, which would turn its own 400s (an over-long path parameter under
   * /api) into something else. Callback style: the check runs on every request and must cost no promise.
   */
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (
      !request.is404 ||
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      !wantsHtml(request) ||
      isServerPath(request.url.split('?')[0] ?? '/')
    ) {
      done();
      return;
    }
    reply.headers(HTML_HEADERS).type('text/html; charset=utf-8');
    if (indexHtml === undefined) reply.code(503).header('cache-control', 'no-store').send(MISSING_BUILD_PAGE);
    else reply.code(200).header('cache-control', REVALIDATE).send(indexHtml);
  });
}
