// Selecting samples in the grid: a click toggles one, shift-click sets the range from the last click, and "the whole view" is a state of its own.
import type { Stage } from '@teamset/contract';

/** What the tagging popover acts on: some samples by id, or the whole view (never a million ids). */
export type GridSelection = { kind: 'ids'; ids: ReadonlySet<string> } | { kind: 'view' };

/**
 * The selection after a click on the tile of `target` (`order` being the loaded samples in view order): a plain click
 * toggles it; a shift-click with an anchor sets every sample between the anchor and the target to the anchor's new
 * state — selected when the target was not selected, unselected when it was (as file managers do).
 */
export function clickSelection(
  current: ReadonlySet<string>,
  order: readonly string[],
  anchor: string | undefined,
  target: string,
  shift: boolean,
): Set<string> {
  const next = new Set(current);
  const select = !current.has(target);
  const from = anchor === undefined ? -1 : order.indexOf(anchor);
  const to = order.indexOf(target);
  if (!shift || from < 0 || to < 0) {
    if (select) next.add(target);
    else next.delete(target);
    return next;
  }
  const [low, high] = from <= to ? [from, to] : [to, from];
  for (const id of order.slice(low, high + 1)) {
    if (select) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** The view a tag request acts on: the current view, narrowed to the selected samples when they are picked one by one. */
export function selectionStages(stages: readonly Stage[], selection: GridSelection): Stage[] {
  if (selection.kind === 'view') return [...stages];
  return [...stages, { stage: 'select', sample_ids: [...selection.ids] }];
}

/** "3 samples" / "the whole view (12,345 samples)". */
export function describeSelection(selection: GridSelection, viewCount: number | undefined): string {
  if (selection.kind === 'view')
    return viewCount === undefined
      ? 'every sample in the view'
      : `every sample in the view (${viewCount.toLocaleString('en-US')})`;
  const n = selection.ids.size;
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'sample' : 'samples'}`;
}
