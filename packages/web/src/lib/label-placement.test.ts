// Label names on thumbnails: above the box when there is room, inside it at the top edge, moved left at the right edge, never outside the picture.
import { describe, expect, it } from 'vitest';
import { estimateLabelWidth, placeLabel } from './label-placement';

const picture = { pictureWidth: 200, pictureHeight: 150, labelHeight: 13 };

describe('placeLabel', () => {
  it('sits just above the box when there is room', () => {
    expect(placeLabel({ ...picture, x: 40, y: 60, labelWidth: 50 })).toEqual({ left: 40, top: 47 });
  });

  it('goes inside the box when the box touches the top of the picture', () => {
    expect(placeLabel({ ...picture, x: 40, y: 5, labelWidth: 50 })).toEqual({ left: 40, top: 5 });
    expect(placeLabel({ ...picture, x: 40, y: 0, labelWidth: 50 })).toEqual({ left: 40, top: 0 });
  });

  it('moves left rather than being cut at the right edge ("motorc")', () => {
    expect(placeLabel({ ...picture, x: 180, y: 60, labelWidth: 70 })).toEqual({ left: 130, top: 47 });
  });

  it('stays inside when the box starts outside the picture, or the label is wider than it', () => {
    expect(placeLabel({ ...picture, x: -10, y: 60, labelWidth: 50 })).toEqual({ left: 0, top: 47 });
    expect(placeLabel({ ...picture, x: 30, y: 60, labelWidth: 300 })).toEqual({ left: 0, top: 47 });
    expect(placeLabel({ ...picture, x: 30, y: 149, labelWidth: 50 }).top).toBe(136);
  });
});

describe('estimateLabelWidth', () => {
  it('grows with the text and the font size, with room for the padding', () => {
    expect(estimateLabelWidth('car', 10)).toBeLessThan(estimateLabelWidth('motorcycle', 10));
    expect(estimateLabelWidth('motorcycle', 12)).toBeGreaterThan(estimateLabelWidth('motorcycle', 10));
    expect(estimateLabelWidth('', 10)).toBe(6);
  });
});
