// Sample media on the wire: the media roots an admin configures, and the thumbnail sizes the server makes.
import { Type, type Static } from 'typebox';
import { MAX_MEDIA_ROOTS, MEDIA_ROOT_MAX_LENGTH } from '../constants/limits.js';

export const MEDIA_ROOT_SOURCES = ['organization', 'server'] as const;
export type MediaRootSource = (typeof MEDIA_ROOT_SOURCES)[number];

export const MediaRootSchema = Type.Object(
  {
    path: Type.String({ description: 'Absolute directory, resolved with realpath' }),
    source: Type.Enum(MEDIA_ROOT_SOURCES, {
      description:
        '`organization`: set in organization settings (changeable here); `server`: given to `teamset serve` by --media-root or TEAMSET_MEDIA_ROOTS (read-only here)',
    }),
    available: Type.Boolean({ description: 'Whether the directory exists and is readable right now' }),
  },
  { title: 'MediaRoot', additionalProperties: false },
);
export type MediaRoot = Static<typeof MediaRootSchema>;

export const MediaRootList = Type.Object(
  {
    roots: Type.Array(MediaRootSchema, {
      description: 'Media is served only from inside these directories: the union of both sources',
    }),
  },
  { title: 'MediaRootList', additionalProperties: false },
);
export type MediaRootList = Static<typeof MediaRootList>;

export const UpdateMediaRootsBody = Type.Object(
  {
    roots: Type.Array(Type.String({ minLength: 1, maxLength: MEDIA_ROOT_MAX_LENGTH }), {
      maxItems: MAX_MEDIA_ROOTS,
      description: 'The organization’s media roots, replacing the current list: absolute paths of existing directories',
    }),
  },
  { additionalProperties: false },
);
export type UpdateMediaRootsBody = Static<typeof UpdateMediaRootsBody>;

/** Longest side of a thumbnail, in pixels; the grid asks for the default. */
export const THUMBNAIL_SIZES = [128, 256, 512] as const;
export type ThumbnailSize = (typeof THUMBNAIL_SIZES)[number];
export const DEFAULT_THUMBNAIL_SIZE: ThumbnailSize = 256;

/** Four non-negative decimals, comma-separated; the server checks their range. */
export const THUMBNAIL_CROP_PATTERN = '^[0-9]*\\.?[0-9]+(,[0-9]*\\.?[0-9]+){3}$';

export const ThumbnailQuery = Type.Object(
  {
    // `type: integer` so the query's text "256" is converted before the check; the enum keeps it to the sizes made.
    size: Type.Optional(
      Type.Unsafe<ThumbnailSize>({
        type: 'integer',
        enum: [...THUMBNAIL_SIZES],
        description: `Longest side in pixels: ${THUMBNAIL_SIZES.join(', ')} (default ${DEFAULT_THUMBNAIL_SIZE})`,
      }),
    ),
    crop: Type.Optional(
      Type.String({
        pattern: THUMBNAIL_CROP_PATTERN,
        maxLength: 64,
        description:
          'Only this box of the image, as a patch tile: x,y,width,height relative to the image (FiftyOne bounding_box), each from 0 to 1',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ThumbnailQuery = Static<typeof ThumbnailQuery>;
