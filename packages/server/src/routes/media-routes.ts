// Sample media and thumbnails (VIEW on the dataset), served only from media roots; also registers the media-root settings.
import { availableParallelism } from 'node:os';
import { DEFAULT_THUMBNAIL_SIZE, MEDIA_ROUTES, type DatasetSampleParams } from '@teamset/contract';
import { AppError, badRequest, notFound } from '@teamset/core';
import type { Actor } from '@teamset/core';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';
import { cropKey, parseCrop } from '../media/crop-box.js';
import { fileValidators, isNotModified } from '../media/conditional.js';
import { contentTypeOf, isBrowserImage } from '../media/content-types.js';
import { NO_MEDIA_ROOTS_MESSAGE, resolveMediaFile } from '../media/media-file.js';
import { sendFile, sendNotModified } from '../media/send-file.js';
import { ThumbnailCache, defaultThumbnailDir } from '../media/thumbnail-cache.js';
import { DEFAULT_THUMBNAIL_CACHE_BYTES, ThumbnailCacheBudget } from '../media/thumbnail-cache-budget.js';
import { ThumbnailPool, ThumbnailQueueFullError } from '../media/thumbnail-pool.js';
import { DEFAULT_RENDER_LIMITS } from '../media/thumbnail-render.js';
import { registerMediaRootRoutes } from './media-root-routes.js';

/**
 * Private: the answer depends on who asks. Short, because the URL is per sample, not per file: if the sample's
 * filepath changes, the same URL serves another file (the ETag then changes too, so revalidation is exact).
 */
export const MEDIA_CACHE_CONTROL = 'private, max-age=600';
/** Worker threads rendering at once (the semaphore): a decoded image can take 4 bytes × 50 MP each. */
export const THUMBNAIL_CONCURRENCY = Math.min(4, Math.max(2, availableParallelism() - 1));
const THUMBNAIL_QUEUE_LIMIT = 512;
/** A format we do not decode (GIF, WebP, BMP) is sent as is for the grid when it is no larger than this. */
export const ORIGINAL_AS_THUMBNAIL_MAX_BYTES = 8 * 1024 * 1024;

export interface MediaRouteOptions {
  /** Most bytes the thumbnail folder may hold (default DEFAULT_THUMBNAIL_CACHE_BYTES). */
  thumbnailCacheBytes?: number;
}

export function registerMediaRoutes(app: TypedApp, ctx: RouteContext, options: MediaRouteOptions = {}): void {
  const { samples, mediaRoots } = ctx.services;
  const pool = new ThumbnailPool(THUMBNAIL_CONCURRENCY, THUMBNAIL_QUEUE_LIMIT, DEFAULT_RENDER_LIMITS);
  const budget = new ThumbnailCacheBudget(
    defaultThumbnailDir,
    options.thumbnailCacheBytes ?? DEFAULT_THUMBNAIL_CACHE_BYTES,
  );
  const thumbnails = new ThumbnailCache(pool, defaultThumbnailDir, budget);
  app.addHook('onClose', async () => {
    await pool.close();
    await budget.close();
  });
  registerMediaRootRoutes(app, ctx);

  /** The sample's file, after the dataset check (404 when invisible) and the media-root check (404 with the reason). */
  async function mediaFileOf(actor: Actor, params: DatasetSampleParams) {
    const sample = await samples.getSample(actor, params.name, params.sampleId);
    const roots = await mediaRoots.effective();
    if (roots.length === 0) throw notFound(NO_MEDIA_ROOTS_MESSAGE);
    const file = await resolveMediaFile(sample.filepath, roots, mediaRoots.protectedPaths);
    if (!file.ok) throw notFound(file.message);
    return file;
  }

  // HEAD declared with GET rather than derived by Fastify: the derived one would read the whole file only to
  // drop it, and replaces our Content-Length with 0.
  protectedRoute(
    app,
    ctx,
    MEDIA_ROUTES.media,
    async (actor, request, reply) => {
      const file = await mediaFileOf(actor, request.params);
      return sendFile(request, reply, {
        path: file.path,
        size: file.stats.size,
        contentType: contentTypeOf(file.path),
        validators: fileValidators(file.path, file.stats),
        cacheControl: MEDIA_CACHE_CONTROL,
      });
    },
    { head: true },
  );

  protectedRoute(
    app,
    ctx,
    MEDIA_ROUTES.thumbnail,
    async (actor, request, reply) => {
      const file = await mediaFileOf(actor, request.params);
      const size = request.query.size ?? DEFAULT_THUMBNAIL_SIZE;
      const crop = request.query.crop === undefined ? undefined : parseCrop(request.query.crop);
      if (request.query.crop !== undefined && !crop)
        throw badRequest(
          'crop must be x,y,width,height relative to the image: each from 0 to 1, width and height above 0',
          {
            field: 'crop',
          },
        );
      const validators = fileValidators(file.path, file.stats, crop ? `t${size}-c${cropKey(crop)}-` : `t${size}-`);
      // A browser holding the current thumbnail needs no rendering, not even a cache lookup.
      if (isNotModified(request.headers, validators))
        return sendNotModified(reply, { validators, cacheControl: MEDIA_CACHE_CONTROL });
      let outcome;
      try {
        outcome = await thumbnails.get(file.path, file.stats, size, crop);
      } catch (error) {
        if (error instanceof ThumbnailQueueFullError) throw new AppError('UNAVAILABLE', error.message);
        throw error;
      }
      if (outcome.ok) {
        return sendFile(request, reply, {
          path: outcome.path,
          size: outcome.size,
          contentType: 'image/jpeg',
          validators,
          cacheControl: MEDIA_CACHE_CONTROL,
          headers: { 'x-teamset-thumbnail': outcome.made ? 'made' : 'cached' },
        });
      }
      const contentType = contentTypeOf(file.path);
      // A browser can show these itself; a huge image (too-large) is not worth sending for a grid cell; a crop the
      // server could not cut would show the whole picture as the patch.
      if (
        !crop &&
        outcome.reason !== 'too-large' &&
        isBrowserImage(contentType) &&
        file.stats.size <= ORIGINAL_AS_THUMBNAIL_MAX_BYTES
      ) {
        return sendFile(request, reply, {
          path: file.path,
          size: file.stats.size,
          contentType,
          validators,
          cacheControl: MEDIA_CACHE_CONTROL,
          headers: { 'x-teamset-thumbnail': 'original' },
        });
      }
      throw notFound(`No thumbnail for this sample: ${outcome.message}`);
    },
    { head: true },
  );
}
