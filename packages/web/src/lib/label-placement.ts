// Where a box's label name goes on a thumbnail: above the box when there is room, inside it otherwise, and always whole inside the picture.

/** A box and the picture, both in pixels of the drawn picture. */
export interface PlacementInput {
  /** The box's top left (px, relative to the picture's top left). */
  x: number;
  y: number;
  /** The label tag's size in px. */
  labelWidth: number;
  labelHeight: number;
  /** The picture's size in px. */
  pictureWidth: number;
  pictureHeight: number;
}

/** Where the label's top left goes, in px relative to the picture. */
export interface Placement {
  left: number;
  top: number;
}

/** The width a label of `text` takes at `fontSize` px in the App's bold sans-serif, padding included (an estimate that errs wide). */
export function estimateLabelWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.62) + 6;
}

/**
 * Above the box's top-left corner when it fits, else just inside the box's top; shifted left when it would run past the
 * right edge, down to 0 when the label is wider than the picture (then it is clipped by nothing but its own ellipsis).
 */
export function placeLabel(input: PlacementInput): Placement {
  const { x, y, labelWidth, labelHeight, pictureWidth, pictureHeight } = input;
  const above = y - labelHeight;
  const top = above >= 0 ? above : Math.min(Math.max(y, 0), Math.max(0, pictureHeight - labelHeight));
  const left = Math.max(0, Math.min(x, pictureWidth - labelWidth));
  return { left, top };
}
