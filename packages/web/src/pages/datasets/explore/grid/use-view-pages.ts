// The samples of one view, loaded a page at a time through the keyset cursor; an answer for an older view (or revision) is dropped, never shown.
import type { Sample, Stage } from '@teamset/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { samplesApi } from '../../../../api/samples-api';
import { LatestOnly } from './latest-only';

export const PAGE_SIZE = 50;
/** After a write, the first pages are read again up to this many samples at once, so the grid keeps its place. */
const RELOAD_LIMIT = 1_000;

export interface ViewPages {
  samples: Sample[];
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  loadMore(): Promise<void>;
  retry(): void;
}

interface State {
  samples: Sample[];
  cursor: string | null | undefined;
  loading: boolean;
  error: unknown;
}

export function useViewPages(dataset: string, stages: readonly Stage[], revision: number): ViewPages {
  const [state, setState] = useState<State>({ samples: [], cursor: undefined, loading: true, error: undefined });
  // A new generation for each new view or revision: a page requested under an older one is dropped when it answers.
  const [latest] = useState(() => new LatestOnly());
  const inFlight = useRef(false);
  const loadedCount = useRef(0);
  loadedCount.current = state.samples.length;
  const [attempt, setAttempt] = useState(0);

  // The view by its content: the page may hand over equal stages as a new array (say, when the URL changes for the
  // modal), which must not start the grid over.
  const stagesKey = JSON.stringify(stages);
  const fetchPage = useCallback(
    async (after: string | undefined, limit: number) =>
      samplesApi.page(dataset, {
        view: { stages: JSON.parse(stagesKey) as Stage[] },
        limit,
        ...(after !== undefined ? { after } : {}),
      }),
    [dataset, stagesKey],
  );

  // A new view starts empty; a new revision of the same view keeps its samples on screen until the fresh ones arrive.
  const viewKey = useRef<unknown>(undefined);
  useEffect(() => {
    const mine = latest.next();
    const sameView = viewKey.current === fetchPage;
    viewKey.current = fetchPage;
    const limit = sameView ? Math.min(Math.max(PAGE_SIZE, loadedCount.current), RELOAD_LIMIT) : PAGE_SIZE;
    inFlight.current = true;
    setState((current) =>
      sameView ? { ...current, loading: true } : { samples: [], cursor: undefined, loading: true, error: undefined },
    );
    latest.settle(mine, fetchPage(undefined, limit)).then(
      (answer) => {
        if (!answer.fresh) return;
        inFlight.current = false;
        setState({ samples: answer.value.samples, cursor: answer.value.nextCursor, loading: false, error: undefined });
      },
      (error: unknown) => {
        inFlight.current = false;
        setState((current) => ({ ...current, loading: false, error }));
      },
    );
  }, [fetchPage, revision, attempt, latest]);

  const cursor = state.cursor;
  const loadMore = useCallback(async () => {
    if (inFlight.current || !cursor) return;
    const mine = latest.current;
    inFlight.current = true;
    setState((current) => ({ ...current, loading: true }));
    try {
      const answer = await latest.settle(mine, fetchPage(cursor, PAGE_SIZE));
      if (!answer.fresh) return;
      const page = answer.value;
      setState((current) => ({
        samples: [...current.samples, ...page.samples],
        cursor: page.nextCursor,
        loading: false,
        error: undefined,
      }));
    } catch (error) {
      setState((current) => ({ ...current, loading: false, error }));
    } finally {
      if (mine === latest.current) inFlight.current = false;
    }
  }, [cursor, fetchPage, latest]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return {
    samples: state.samples,
    hasMore: Boolean(state.cursor),
    loading: state.loading,
    error: state.error,
    loadMore,
    retry,
  };
}
