// The grid's loaded samples, held outside React state: the modal subscribes to them, so a new page re-renders the modal (when open) and not the whole explore page with its sidebar.
import { useSyncExternalStore } from 'react';
import type { LoadedSamples } from '../explore-types';

export const NOTHING_LOADED: LoadedSamples = { samples: [], hasMore: false, loadMore: async () => {} };

export class LoadedSamplesStore {
  private current: LoadedSamples = NOTHING_LOADED;
  private readonly listeners = new Set<() => void>();

  readonly get = (): LoadedSamples => this.current;

  readonly set = (next: LoadedSamples): void => {
    this.current = next;
    for (const listener of this.listeners) listener();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The store's samples, re-rendering the caller when the grid loads more. */
export function useLoadedSamples(store: LoadedSamplesStore): LoadedSamples {
  return useSyncExternalStore(store.subscribe, store.get);
}
