// Sample media: the URLs an <img> loads (the session cookie authenticates them), and the media roots admins set.
import type { MediaRootList } from '@teamset/contract';
import { http } from './http';
import { fillPath, PATHS } from '@teamset/contract/constants';

export const mediaApi = {
  /** The full image, as stored (served only from a media root). */
  mediaUrl: (dataset: string, sampleId: string) => fillPath(PATHS.sampleMedia, { name: dataset, sampleId }),
  /** A small JPEG (longest side 256 px) made and cached by the server. */
  thumbnailUrl: (dataset: string, sampleId: string) => fillPath(PATHS.sampleThumbnail, { name: dataset, sampleId }),
  /** A patch tile: the `crop` box (x,y,w,h relative to the image) of the sample's image, made and cached by the server. */
  patchUrl: (dataset: string, sampleId: string, crop: string) =>
    `${fillPath(PATHS.sampleThumbnail, { name: dataset, sampleId })}?crop=${encodeURIComponent(crop)}`,
  roots: () => http.get<MediaRootList>(PATHS.organizationMediaRoots),
  /** Replaces the organization's roots (the server's own stay). */
  setRoots: (roots: string[]) => http.put<MediaRootList>(PATHS.organizationMediaRoots, { roots }),
};
