// Boxes to draw on a sample's image: its Detections (or single Detection) field as relative rectangles with label names and colours.
import type { FieldInfo, Sample } from '@teamset/contract';

export interface LabelBox {
  /** Relative to the image, FiftyOne's [x, y, w, h] with the origin at the top left. */
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  color: string;
  confidence?: number;
}

const BOX_FIELD_TYPES = new Set(['Detections', 'Detection']);

/** Top-level fields whose labels are boxes, in schema order (the grid draws the first unless the user picks another). */
export function boxFields(fields: readonly FieldInfo[]): string[] {
  return fields.filter((f) => !f.builtin && !f.path.includes('.') && BOX_FIELD_TYPES.has(f.type)).map((f) => f.path);
}

/** Distinct, readable on photos, and stable per label name (the same class is the same colour on every card). */
const PALETTE = [
  '#e8590c',
  '#1c7ed6',
  '#2f9e44',
  '#c2255c',
  '#f08c00',
  '#6741d9',
  '#0c8599',
  '#e03131',
  '#5c940d',
  '#862e9c',
];

export function labelColor(label: string): string {
  let hash = 0;
  for (let i = 0; i < label.length; i++) hash = (hash * 31 + label.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#e8590c';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toBox(detection: unknown): LabelBox | undefined {
  if (!isRecord(detection)) return undefined;
  const box = detection.bounding_box;
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number' && Number.isFinite(v)))
    return undefined;
  const [x, y, w, h] = box as [number, number, number, number];
  const label = typeof detection.label === 'string' ? detection.label : '';
  return {
    x,
    y,
    w,
    h,
    label,
    color: labelColor(label),
    ...(typeof detection.confidence === 'number' ? { confidence: detection.confidence } : {}),
  };
}

/** The boxes of `field` on the sample; nothing when the field is absent, null, or not a box label. */
export function labelBoxes(sample: Sample, field: string | undefined): LabelBox[] {
  if (!field) return [];
  const value = (sample as Record<string, unknown>)[field];
  if (!isRecord(value)) return [];
  const items =
    value._cls === 'Detections'
      ? Array.isArray(value.detections)
        ? value.detections
        : []
      : value._cls === 'Detection'
        ? [value]
        : [];
  return items.map(toBox).filter((box): box is LabelBox => box !== undefined);
}

/**
 * Where an image drawn with `object-fit: contain` sits inside its frame, as fractions of the frame: the boxes are
 * laid over that rectangle, not the whole frame, so they stay on the picture whatever the two aspect ratios.
 */
export function containedRect(
  imageAspect: number,
  frameAspect: number,
): { left: number; top: number; width: number; height: number } {
  if (!(imageAspect > 0) || !(frameAspect > 0)) return { left: 0, top: 0, width: 1, height: 1 };
  if (imageAspect > frameAspect) {
    const height = frameAspect / imageAspect;
    return { left: 0, top: (1 - height) / 2, width: 1, height };
  }
  const width = imageAspect / frameAspect;
  return { left: (1 - width) / 2, top: 0, width, height: 1 };
}

/** The last part of a filepath, for captions. */
export function fileName(filepath: string): string {
  return filepath.split(/[\\/]/).filter(Boolean).pop() ?? filepath;
}
