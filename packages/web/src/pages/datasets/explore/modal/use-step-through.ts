// ←/→ through the samples the grid has loaded; past the last one it asks the grid for the next page and steps on once it arrives.
import { useCallback, useEffect, useState } from 'react';
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

  // Once the page asked for has come in (or there turns out to be none), step onto the sample after this one.
  useEffect(() => {
    if (!waiting) return;
    const following = index >= 0 ? loaded.samples[index + 1] : undefined;
    if (following) {
      setWaiting(false);
      onOpen(following.id);
    } else if (!loaded.hasMore) setWaiting(false);
  }, [waiting, index, loaded, onOpen]);

  const previous = useCallback(() => {
    const before = index > 0 ? loaded.samples[index - 1] : undefined;
    if (before) onOpen(before.id);
  }, [index, loaded, onOpen]);

  const next = useCallback(() => {
    if (index < 0 || waiting) return;
    const following = loaded.samples[index + 1];
    if (following) onOpen(following.id);
    else if (loaded.hasMore) {
      setWaiting(true);
      loaded.loadMore().catch((failure: unknown) => {
        setWaiting(false);
        notifyError(failure, 'Could not load the next samples');
      });
    }
  }, [index, loaded, onOpen, waiting]);

  return { index, hasPrevious, hasNext, loadingNext: waiting, previous, next };
}
