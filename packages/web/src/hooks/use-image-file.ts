// useImageFile: fetches an image with a cancellable request (aborted when the component unmounts or the URL changes) and hands back an object URL, or why it failed.
import { useEffect, useState } from 'react';
import { errorFromResponse } from '../api/api-error';
import { RequestQueue } from '../lib/request-queue';

/**
 * The grids' thumbnails take turns: four in flight (two of HTTP/1.1's six connections stay free for the next page's
 * query), each started in a task of its own rather than in the commit that mounted a screenful of tiles.
 */
export const THUMBNAIL_QUEUE = new RequestQueue(4);

/** Why an image is not shown, in the words the tile uses. */
export type ImageProblem =
  /** No media root (Settings › Organization) covers the file, or none is configured: an admin can fix it. */
  | 'no-media-root'
  /** The file is not on the server's disk. */
  | 'missing'
  /** The server or the browser could not decode it (a format neither reads, a damaged file). */
  | 'unreadable'
  /** Anything else: a network failure, a server error. */
  | 'unavailable';

export type ImageFile =
  | { status: 'loading' }
  | { status: 'fetched'; url: string }
  | { status: 'failed'; problem: ImageProblem; message: string };

/** The server's 404 sentence says which of the cases it is (routes/media: "not configured", "not under a media root", "does not exist", "No thumbnail"). */
export function problemOf(status: number, message: string): ImageProblem {
  if (status === 404 && /media root|not configured/i.test(message)) return 'no-media-root';
  if (status === 404 && /does not exist|not an absolute/i.test(message)) return 'missing';
  if (status === 404 && /no thumbnail/i.test(message)) return 'unreadable';
  return 'unavailable';
}

/** `queue`: the request waits its turn there (a tile unmounted first never asks); without it, it starts at once. */
export function useImageFile(src: string, queue?: RequestQueue): ImageFile {
  const [state, setState] = useState<{ src: string; file: ImageFile }>({ src, file: { status: 'loading' } });
  useEffect(() => {
    const controller = new AbortController();
    let url: string | undefined;
    // A tile just mounted is already loading this src: keeping the same state spares each one a second render.
    setState((current) =>
      current.src === src && current.file.status === 'loading' ? current : { src, file: { status: 'loading' } },
    );
    const load = async () => {
      try {
        // Low priority: under HTTP/1.1's 6 connections, the browser sends the grid's next page query before queued images.
        const response = await fetch(src, { credentials: 'same-origin', signal: controller.signal, priority: 'low' });
        if (!response.ok) {
          const error = await errorFromResponse(response);
          setState({
            src,
            file: { status: 'failed', problem: problemOf(response.status, error.message), message: error.message },
          });
          return;
        }
        const blob = await response.blob();
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setState({ src, file: { status: 'fetched', url } });
      } catch {
        if (controller.signal.aborted) return;
        setState({
          src,
          file: {
            status: 'failed',
            problem: 'unavailable',
            message: 'Could not reach the Teamset server for this image',
          },
        });
      }
    };
    const cancel = queue ? queue.enqueue(load) : (void load(), undefined);
    return () => {
      // Leaving the screen (or another image): the request is cancelled, so it no longer holds one of the connections.
      cancel?.();
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [src, queue]);
  return state.src === src ? state.file : { status: 'loading' };
}
