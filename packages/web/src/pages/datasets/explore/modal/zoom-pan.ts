// Zoom and pan of the modal's picture as one transform (translate, then scale): pure functions, so the geometry is unit-tested.

/** Screen position of a picture point p: (x + scale · p.x, y + scale · p.y), in the stage's CSS pixels. */
export interface ZoomTransform {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export const IDENTITY: ZoomTransform = { scale: 1, x: 0, y: 0 };
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 16;
/** One wheel notch or one button press. */
export const ZOOM_STEP = 1.25;

/**
 * Zooms by `factor` keeping the stage point `at` still (the cursor for the wheel, the centre for the buttons),
 * between MIN_ZOOM and MAX_ZOOM; back at 1 the picture is where it started.
 */
export function zoomAt(t: ZoomTransform, factor: number, at: { x: number; y: number }): ZoomTransform {
  const scale = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, t.scale * factor));
  if (scale === MIN_ZOOM) return IDENTITY;
  const ratio = scale / t.scale;
  return { scale, x: at.x - (at.x - t.x) * ratio, y: at.y - (at.y - t.y) * ratio };
}

/**
 * Moves by (dx, dy) stage pixels, kept so the zoomed picture still covers the stage (`width` × `height`): no
 * dragging it out of sight. At scale 1 there is nothing to pan.
 */
export function panBy(t: ZoomTransform, dx: number, dy: number, width: number, height: number): ZoomTransform {
  if (t.scale <= MIN_ZOOM) return IDENTITY;
  const clamp = (value: number, size: number) => Math.min(0, Math.max(size - size * t.scale, value));
  return { scale: t.scale, x: clamp(t.x + dx, width), y: clamp(t.y + dy, height) };
}

/** The CSS transform for the picture's layer (transform-origin 0 0). */
export function cssTransform(t: ZoomTransform): string {
  return `translate(${t.x}px, ${t.y}px) scale(${t.scale})`;
}

/** The wheel's direction as a zoom factor: up (negative deltaY) zooms in. */
export function wheelFactor(deltaY: number): number {
  return deltaY < 0 ? ZOOM_STEP : deltaY > 0 ? 1 / ZOOM_STEP : 1;
}
