// ←/→ through the samples the grid has loaded; past the last one it asks the grid for the next page and steps on once it arrives.
import { useCallback, useEffect, useRef, useState } from 'react';
import { notifyError } from '../../../../lib/notify';
import type { LoadedSamples } from '../explore-types';

export interface StepThrough {
  /** The open sample's position in the loaded samples, or -1 when they do not hold it. */
  index: number;
  hasPrevious: boolean;
  hasNext: boolean;
  /** Waiting for the next page to step onto. */
  loadingNext: boolean;
  previous(): void;
  next(): void;
}

export function useStepThrough(loaded: LoadedSamples, sampleId: string, onOpen: (id: string) => void): StepThrough {
  const index = loaded.samples.findIndex((sample) => sample.id === sampleId);
  const [waiting, setWaiting] = useState(false);
  const hasPrevious = index > 0;
  const hasNext = index >= 0 && (index < loaded.samples.length - 1 || loaded.hasMore);
  // The sample last asked for: two key presses before the page re-renders must step twice, not open the same
  // neighbour again from the position the last render saw.
  const requested = useRef(sampleId);
  useEffect(() => {
    requested.current = sampleId;
  }, [sampleId]);
  const open = useCallback(
    (id: string) => {
      requested.current = id;
      onOpen(id);
    },
    [onOpen],
  );
  const position = useCallback(() => loaded.samples.findIndex((sample) => sample.id === requested.current), [loaded]);

  // Once the page asked for has come in (or there turns out to be none), step onto the sample after this one.
  useEffect(() => {
    if (!waiting) return;
    const at = position();
    const following = at >= 0 ? loaded.samples[at + 1] : undefined;
    if (following) {
      setWaiting(false);
      open(following.id);
    } else if (!loaded.hasMore) setWaiting(false);
  }, [waiting, position, loaded, open]);

  const previous = useCallback(() => {
    const at = position();
    const before = at > 0 ? loaded.samples[at - 1] : undefined;
    if (before) open(before.id);
  }, [position, loaded, open]);

  const next = useCallback(() => {
    const at = position();
    if (at < 0 || waiting) return;
    const following = loaded.samples[at + 1];
    if (following) open(following.id);
    else if (loaded.hasMore) {
      setWaiting(true);
      loaded.loadMore().catch((failure: unknown) => {
        setWaiting(false);
        notifyError(failure, 'Could not load the next samples');
      });
    }
  }, [position, loaded, open, waiting]);

  return { index, hasPrevious, hasNext, loadingNext: waiting, previous, next };
}
