// What a patch tile shows: the patch's object (its label, confidence and the box to crop) and the sample it came from.
import type { Sample } from '@teamset/contract';
import { shapeBounds, toShape } from '../../../../lib/label-shapes';

export interface PatchTile {
  /** The patch's id: its object's label id. */
  id: string;
  sampleId: string;
  filepath: string;
  label: string;
  confidence: number | undefined;
  /** The crop, relative to the image, as the thumbnail route's `crop` takes it; undefined when the object has no extent. */
  crop: string | undefined;
}

/** Margin around the object, as a share of its size, so a tile shows a little of what surrounds it. */
const CONTEXT = 0.1;
/** A line or point has no area; its crop is at least this share of the image each way. */
const MIN_SIDE = 0.02;

const clamp = (n: number): number => Math.min(1, Math.max(0, n));

/** The crop box of bounds x, y, w, h (relative), widened by the context margin and clamped to the image. */
export function cropOf(bounds: { x: number; y: number; w: number; h: number }): string | undefined {
  if (![bounds.x, bounds.y, bounds.w, bounds.h].every(Number.isFinite)) return undefined;
  const w = Math.max(bounds.w, MIN_SIDE);
  const h = Math.max(bounds.h, MIN_SIDE);
  const x0 = clamp(bounds.x - w * CONTEXT);
  const y0 = clamp(bounds.y - h * CONTEXT);
  const x1 = clamp(bounds.x + w * (1 + CONTEXT));
  const y1 = clamp(bounds.y + h * (1 + CONTEXT));
  if (x1 <= x0 || y1 <= y0) return undefined;
  return [x0, y0, x1 - x0, y1 - y0].map((n) => Number(n.toFixed(6))).join(',');
}

/** A patch row of a to_patches view as a tile. */
export function patchTile(patch: Sample, field: string): PatchTile {
  const record = patch as Record<string, unknown>;
  const shape = toShape(field, record[field]);
  return {
    id: patch.id,
    sampleId: typeof record.sample_id === 'string' ? record.sample_id : '',
    filepath: patch.filepath,
    label: shape?.label ?? '',
    confidence: shape?.confidence,
    crop: shape ? cropOf(shapeBounds(shape)) : undefined,
  };
}
