// Grid selection logic: plain clicks toggle, shift-click ranges from the anchor (either direction), and the tag target view.
import { describe, expect, it } from 'vitest';
import { clickSelection, describeSelection, selectionStages } from './grid-selection';

const ORDER = ['a', 'b', 'c', 'd', 'e', 'f'];
const set = (...ids: string[]) => new Set(ids);

describe('clickSelection', () => {
  it('a plain click toggles one sample, whatever the anchor', () => {
    expect(clickSelection(set(), ORDER, undefined, 'c', false)).toEqual(set('c'));
    expect(clickSelection(set('c'), ORDER, 'a', 'c', false)).toEqual(set());
    expect(clickSelection(set('a'), ORDER, 'a', 'e', false)).toEqual(set('a', 'e'));
  });

  it('shift-click selects every sample between the anchor and the target, in either direction', () => {
    expect(clickSelection(set('b'), ORDER, 'b', 'e', true)).toEqual(set('b', 'c', 'd', 'e'));
    expect(clickSelection(set('e'), ORDER, 'e', 'b', true)).toEqual(set('b', 'c', 'd', 'e'));
    // Samples selected outside the range stay selected.
    expect(clickSelection(set('a', 'f'), ORDER, 'c', 'd', true)).toEqual(set('a', 'c', 'd', 'f'));
  });

  it('shift-click on a selected sample unselects the range', () => {
    expect(clickSelection(set('a', 'b', 'c', 'd'), ORDER, 'a', 'c', true)).toEqual(set('d'));
  });

  it('shift-click without an anchor, or with one no longer loaded, is a plain click', () => {
    expect(clickSelection(set(), ORDER, undefined, 'd', true)).toEqual(set('d'));
    expect(clickSelection(set(), ORDER, 'gone', 'd', true)).toEqual(set('d'));
  });
});

describe('selectionStages and describeSelection', () => {
  const stages = [{ stage: 'match_tags' as const, tags: ['odd'] }];

  it('the whole view is the view itself; picked samples add a select stage after it', () => {
    expect(selectionStages(stages, { kind: 'view' })).toEqual(stages);
    expect(selectionStages(stages, { kind: 'ids', ids: set('x', 'y') })).toEqual([
      ...stages,
      { stage: 'select', sample_ids: ['x', 'y'] },
    ]);
  });

  it('says what is selected in full numbers', () => {
    expect(describeSelection({ kind: 'ids', ids: set('x') }, undefined)).toBe('1 sample');
    expect(describeSelection({ kind: 'view' }, 12_345)).toBe('every sample in the view (12,345)');
    expect(describeSelection({ kind: 'view' }, undefined)).toBe('every sample in the view');
  });
});
