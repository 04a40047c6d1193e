// The metadata section's state: open or not (closed at first, opened by a metadata filter), and its numbers for the view with and without the filters, asked for only while it is open.
import type { Stage } from '@teamset/contract';
import { useMemo, useState } from 'react';
import type { ExploreFilters } from '../state/explore-filters';
import type { FieldGroup } from '../state/explore-schema';
import { planFieldFacets, type FieldFacets } from './sidebar-facets';
import { usePlannedFacets, type FacetsState } from './use-facets';

export interface MetadataSectionState {
  group: FieldGroup;
  open: boolean;
  onOpenChange(open: boolean): void;
  base: FacetsState<FieldFacets>;
  /** The same as `base` when there are no filters. */
  filtered: FacetsState<FieldFacets>;
}

/** Whether a filter is on a metadata attribute (`metadata.width`…). */
export function hasMetadataFilter(filters: ExploreFilters): boolean {
  return Object.keys(filters.fields ?? {}).some((path) => path.startsWith('metadata.'));
}

/**
 * Reading `metadata.mime_type` values scans every document, so a dataset opens without them: the numbers are asked for
 * (in requests of their own, apart from the rest of the sidebar's) once the section is opened, and again as the view
 * changes while it stays open. `group` undefined (no metadata in the schema) asks nothing.
 */
export function useMetadataSection(
  dataset: string,
  group: FieldGroup | undefined,
  view: { base: readonly Stage[]; filtered: readonly Stage[]; hasFilters: boolean },
  filters: ExploreFilters,
  limits: Readonly<Record<string, number>>,
  tagWrites: number,
): MetadataSectionState | undefined {
  const active = hasMetadataFilter(filters);
  const [open, setOpen] = useState(active);
  // A metadata filter coming in (a link, back / forward) opens the section, so the filter can be seen and changed.
  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    setWasActive(active);
    if (active) setOpen(true);
  }
  const plan = useMemo(() => (group ? planFieldFacets(group, limits) : undefined), [group, limits]);
  const base = usePlannedFacets(dataset, plan, view.base, tagWrites, open);
  const withFilters = usePlannedFacets(dataset, plan, view.filtered, tagWrites, open && view.hasFilters);
  if (!group) return undefined;
  return { group, open, onOpenChange: setOpen, base, filtered: view.hasFilters ? withFilters : base };
}
