// Loads the sidebar facets of a view (or the answers to any facets plan): one aggregate request per view, the last answer shown until the next arrives, and a late answer to an older view dropped; after a tag write only the tag counts, unless the view depends on tags.
import type { AggregateResult, Aggregation, AggregationResult, Stage } from '@teamset/contract';
import { PATHS, fillPath } from '@teamset/contract/constants';
import { useEffect, useMemo, useRef, useState } from 'react';
import { http } from '../../../../api/http';
import type { ExploreSchema } from '../state/explore-schema';
import { planFacets, viewDependsOnTags, type FacetsPlan, type SidebarFacets } from './sidebar-facets';

/** The contract's MAX_AGGREGATIONS_PER_REQUEST (its main entry is types-only for the web bundle). */
const MAX_AGGREGATIONS_PER_REQUEST = 100;

export interface FacetsState<T = SidebarFacets> {
  /** The latest answer; while a newer one loads, still the previous (shown dimmed, so numbers do not flicker). */
  facets: T | undefined;
  loading: boolean;
  error: unknown;
}

/** The view's aggregations in as few requests as the server's per-request limit allows (one for any usual schema). */
export async function aggregate(dataset: string, stages: readonly Stage[], aggregations: Aggregation[]) {
  const results: AggregationResult[] = [];
  // One request unless the schema is so wide that it passes the server's per-request limit.
  const chunks: Aggregation[][] = [];
  for (let at = 0; at < aggregations.length; at += MAX_AGGREGATIONS_PER_REQUEST)
    chunks.push(aggregations.slice(at, at + MAX_AGGREGATIONS_PER_REQUEST));
  const answers = await Promise.all(
    chunks.map((chunk) =>
      http.post<AggregateResult>(fillPath(PATHS.aggregate, { name: dataset }), {
        view: { stages: [...stages] },
        aggregations: chunk,
      }),
    ),
  );
  for (const answer of answers) results.push(...answer.results);
  return results;
}

/**
 * The answers to `plan` for one view, loaded while `enabled` (false: another hook already holds the same view's
 * numbers, or a closed section shows none). `tagWrites` counts the tag writes made from the App: after one, a view that
 * does not depend on tags asks only for the plan's tag counts (a tag write changes nothing else in it) and keeps the
 * rest; a view that does is counted again whole. Turned back on for the view, plan and writes it last answered, it
 * asks nothing again.
 */
export function usePlannedFacets<T>(
  dataset: string,
  plan: FacetsPlan<T> | undefined,
  stages: readonly Stage[],
  tagWrites: number,
  enabled = true,
): FacetsState<T> {
  const [state, setState] = useState<FacetsState<T>>({ facets: undefined, loading: false, error: undefined });
  const sequence = useRef(0);
  const key = JSON.stringify(stages);
  // What the facets on screen are the answer for (set with them), to tell a tag write from a new view.
  const shown = useRef<{ dataset: string; plan: unknown; key: string; tagWrites: number; facets: T } | undefined>(
    undefined,
  );

  useEffect(() => {
    if (!plan || !enabled) return;
    const previous = shown.current;
    const same = previous?.dataset === dataset && previous.plan === plan && previous.key === key;
    // Only `enabled` changed (a section opened again, filters put back): the numbers on screen are this view's.
    if (same && previous.tagWrites === tagWrites) {
      sequence.current++;
      setState({ facets: previous.facets, loading: false, error: undefined });
      return;
    }
    const mine = ++sequence.current;
    const view = JSON.parse(key) as Stage[];
    setState((current) => ({ ...current, loading: true }));
    const load =
      same && !viewDependsOnTags(view)
        ? aggregate(dataset, view, plan.tags.aggregations).then((results) => plan.tags.merge(results, previous.facets))
        : aggregate(dataset, view, plan.aggregations).then((results) => plan.read(results));
    load.then(
      (facets) => {
        if (mine !== sequence.current) return;
        shown.current = { dataset, plan, key, tagWrites, facets };
        setState({ facets, loading: false, error: undefined });
      },
      (error: unknown) => {
        if (mine !== sequence.current) return;
        setState((current) => ({ ...current, loading: false, error }));
      },
    );
  }, [dataset, plan, key, tagWrites, enabled]);

  return state;
}

/** The sidebar's facets (all but the metadata section) for a view of `schema`; `limits` as planFacets takes them. */
export function useFacets(
  dataset: string,
  schema: ExploreSchema | undefined,
  stages: readonly Stage[],
  limits: Readonly<Record<string, number>>,
  tagWrites: number,
  enabled = true,
): FacetsState {
  const plan = useMemo(() => (schema ? planFacets(schema, limits) : undefined), [schema, limits]);
  return usePlannedFacets(dataset, plan, stages, tagWrites, enabled);
}
