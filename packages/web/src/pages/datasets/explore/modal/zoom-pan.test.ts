// The modal's zoom and pan geometry: the point under the cursor stays put, zoom is bounded, panning keeps the picture on stage.
import { describe, expect, it } from 'vitest';
import { cssTransform, IDENTITY, MAX_ZOOM, panBy, wheelFactor, zoomAt, ZOOM_STEP } from './zoom-pan';

describe('zoomAt', () => {
  it('keeps the point under the cursor where it was', () => {
    const at = { x: 300, y: 200 };
    const zoomed = zoomAt(IDENTITY, 2, at);
    expect(zoomed.scale).toBe(2);
    // The picture point under the cursor before (300, 200) is still there: x + scale · 300 = 300.
    expect(zoomed.x + zoomed.scale * 300).toBe(300);
    expect(zoomed.y + zoomed.scale * 200).toBe(200);
    const again = zoomAt(zoomed, 1.5, { x: 100, y: 50 });
    const local = { x: (100 - zoomed.x) / zoomed.scale, y: (50 - zoomed.y) / zoomed.scale };
    expect(again.x + again.scale * local.x).toBeCloseTo(100);
    expect(again.y + again.scale * local.y).toBeCloseTo(50);
  });

  it('stays between 1 and the maximum, and back at 1 is where it started', () => {
    expect(zoomAt(IDENTITY, 0.5, { x: 10, y: 10 })).toEqual(IDENTITY);
    expect(zoomAt(IDENTITY, 1000, { x: 10, y: 10 }).scale).toBe(MAX_ZOOM);
    const zoomed = zoomAt(IDENTITY, 4, { x: 50, y: 80 });
    expect(zoomAt(zoomed, 1 / 4, { x: 0, y: 0 })).toEqual(IDENTITY);
  });
});

describe('panBy', () => {
  it('moves a zoomed picture, never past its edges', () => {
    const zoomed = { scale: 2, x: -100, y: -100 };
    expect(panBy(zoomed, 30, -20, 400, 300)).toEqual({ scale: 2, x: -70, y: -120 });
    // Dragging far right stops with the picture's left edge at the stage's; far left at its right edge.
    expect(panBy(zoomed, 1000, 1000, 400, 300)).toEqual({ scale: 2, x: 0, y: 0 });
    expect(panBy(zoomed, -1000, -1000, 400, 300)).toEqual({ scale: 2, x: -400, y: -300 });
  });

  it('does nothing at scale 1', () => {
    expect(panBy(IDENTITY, 50, 50, 400, 300)).toEqual(IDENTITY);
  });
});

describe('cssTransform and wheelFactor', () => {
  it('writes translate then scale', () => {
    expect(cssTransform({ scale: 2, x: -10, y: 5 })).toBe('translate(-10px, 5px) scale(2)');
  });
  it('wheel up zooms in, down zooms out', () => {
    expect(wheelFactor(-100)).toBe(ZOOM_STEP);
    expect(wheelFactor(100)).toBe(1 / ZOOM_STEP);
    expect(wheelFactor(0)).toBe(1);
  });
});
