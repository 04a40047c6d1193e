// Shapes to draw on a sample's image: Detection(s) as boxes, Keypoint(s) as points, Polyline(s) as paths, in FiftyOne's relative coordinates.
import type { FieldInfo, Sample } from '@teamset/contract';
import { labelColor, type LabelBox } from './label-boxes';

type Point = readonly [number, number];

interface ShapeCommon {
  /** The sample field the label is in. */
  field: string;
  /** The label's own id (absent on labels written without one). */
  id: string | undefined;
  label: string;
  color: string;
  confidence?: number;
  tags: string[];
  /** Everything else the label carries (custom attributes such as `iscrowd`), for the hover card. */
  attributes: Record<string, unknown>;
}

/** A box: FiftyOne's [x, y, w, h] relative to the image, origin at the top left. */
export interface BoxShape extends ShapeCommon {
  kind: 'box';
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A Keypoint: its points (missing points, FiftyOne's NaN, left out). */
export interface PointsShape extends ShapeCommon {
  kind: 'points';
  points: Point[];
}

/** A Polyline: one or more paths, closed and filled as the label says. */
export interface PolylineShape extends ShapeCommon {
  kind: 'polyline';
  paths: Point[][];
  closed: boolean;
  filled: boolean;
}

export type LabelShape = BoxShape | PointsShape | PolylineShape;

/** The label classes drawn as shapes, and for a list class the key of its items. */
const SHAPE_CLASSES: Readonly<Record<string, string | null>> = {
  Detection: null,
  Detections: 'detections',
  Keypoint: null,
  Keypoints: 'keypoints',
  Polyline: null,
  Polylines: 'polylines',
};

/** Keys every shape reads itself; the rest of a label's keys are its custom attributes. */
const KNOWN_KEYS = new Set([
  '_cls',
  'id',
  '_id',
  'label',
  'confidence',
  'tags',
  'bounding_box',
  'points',
  'closed',
  'filled',
]);

/** Top-level fields whose labels are drawn (Detection(s), Keypoint(s), Polyline(s)), in schema order. */
export function shapeFields(fields: readonly FieldInfo[]): string[] {
  return fields.filter((f) => !f.builtin && !f.path.includes('.') && f.type in SHAPE_CLASSES).map((f) => f.path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** [x, y] with two finite numbers, else undefined (FiftyOne writes a missing keypoint as [NaN, NaN], null in JSON). */
function toPoint(value: unknown): Point | undefined {
  return Array.isArray(value) && value.length >= 2 && isNumber(value[0]) && isNumber(value[1])
    ? [value[0], value[1]]
    : undefined;
}

function toPoints(value: unknown): Point[] {
  return Array.isArray(value) ? value.map(toPoint).filter((p): p is Point => p !== undefined) : [];
}

function common(field: string, label: Record<string, unknown>): ShapeCommon {
  const name = typeof label.label === 'string' ? label.label : '';
  const id = typeof label.id === 'string' ? label.id : typeof label._id === 'string' ? label._id : undefined;
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(label)) if (!KNOWN_KEYS.has(key)) attributes[key] = value;
  return {
    field,
    id,
    label: name,
    color: labelColor(name),
    ...(isNumber(label.confidence) ? { confidence: label.confidence } : {}),
    tags: Array.isArray(label.tags) ? label.tags.filter((t): t is string => typeof t === 'string') : [],
    attributes,
  };
}

/** One label as a shape; undefined when its geometry is missing or malformed (nothing sensible to draw). */
export function toShape(field: string, label: unknown): LabelShape | undefined {
  if (!isRecord(label)) return undefined;
  if (label._cls === 'Detection') {
    const box = label.bounding_box;
    if (!Array.isArray(box) || box.length !== 4 || !box.every(isNumber)) return undefined;
    const [x, y, w, h] = box as [number, number, number, number];
    return { kind: 'box', ...common(field, label), x, y, w, h };
  }
  if (label._cls === 'Keypoint') {
    const points = toPoints(label.points);
    return points.length > 0 ? { kind: 'points', ...common(field, label), points } : undefined;
  }
  if (label._cls === 'Polyline') {
    const paths = Array.isArray(label.points) ? label.points.map(toPoints).filter((p) => p.length > 0) : [];
    if (paths.length === 0) return undefined;
    return {
      kind: 'polyline',
      ...common(field, label),
      paths,
      closed: label.closed === true,
      filled: label.filled === true,
    };
  }
  return undefined;
}

/** The labels of `field` on the sample as shapes; nothing when the field is absent, null or not a drawn label class. */
export function fieldShapes(sample: Sample, field: string): LabelShape[] {
  const value = (sample as Record<string, unknown>)[field];
  if (!isRecord(value) || typeof value._cls !== 'string' || !(value._cls in SHAPE_CLASSES)) return [];
  const key = SHAPE_CLASSES[value._cls];
  const items = key === null || key === undefined ? [value] : Array.isArray(value[key]) ? value[key] : [];
  return items.map((item) => toShape(field, item)).filter((shape): shape is LabelShape => shape !== undefined);
}

/**
 * The shapes of every field in `fields`, big boxes first: a smaller box drawn later sits on top, so hovering
 * inside it reaches it rather than the box around it.
 */
export function labelShapes(sample: Sample, fields: readonly string[]): LabelShape[] {
  const shapes = fields.flatMap((field) => fieldShapes(sample, field));
  return shapes
    .map((shape, order) => ({ shape, order, area: shapeArea(shape) }))
    .sort((a, b) => b.area - a.area || a.order - b.order)
    .map((entry) => entry.shape);
}

/** The smallest rectangle around a shape, relative to the image. */
export function shapeBounds(shape: LabelShape): { x: number; y: number; w: number; h: number } {
  if (shape.kind === 'box') return { x: shape.x, y: shape.y, w: shape.w, h: shape.h };
  const points = shape.kind === 'points' ? shape.points : shape.paths.flat();
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** Area of the bounds: the stacking order of shapes (points and lines have none and go on top). */
export function shapeArea(shape: LabelShape): number {
  if (shape.kind !== 'box') return 0;
  return Math.max(0, shape.w) * Math.max(0, shape.h);
}

/** Where the label name goes: a box's top-left corner; the top-left of the bounds of points and lines. */
export function labelAnchor(shape: LabelShape): Point {
  const bounds = shapeBounds(shape);
  return [bounds.x, bounds.y];
}

/** An SVG `points`/path list for a path scaled to a `width` × `height` pixel picture. */
export function svgPoints(points: readonly Point[], width: number, height: number): string {
  return points.map(([x, y]) => `${round(x * width)},${round(y * height)}`).join(' ');
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White or black, whichever reads better on a label's colour (WCAG contrast): names stay legible on every class colour. */
export function captionTextColor(background: string): '#fff' | '#000' {
  if (!/^#[0-9a-f]{6}$/i.test(background)) return '#fff';
  const l = luminance(background);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#fff' : '#000';
}

/** "cat 0.92" — the short text drawn next to a shape. */
export function shapeCaption(shape: LabelShape, withConfidence: boolean): string {
  return withConfidence && shape.confidence !== undefined
    ? `${shape.label} ${shape.confidence.toFixed(2)}`.trim()
    : shape.label;
}

/** "frame-0001.jpg: 2 person, 1 car" — what the picture shows, for screen readers. */
export function describeShapes(name: string, shapes: readonly LabelShape[]): string {
  const counts = new Map<string, number>();
  for (const shape of shapes)
    counts.set(shape.label || 'unlabelled', (counts.get(shape.label || 'unlabelled') ?? 0) + 1);
  const parts = [...counts].map(([label, count]) => `${count} ${label}`);
  return parts.length > 0 ? `${name}: ${parts.join(', ')}` : name;
}

/** A box from label-boxes.ts as a shape, for callers that still hand over boxes. */
export function boxShape(box: LabelBox): BoxShape {
  return {
    kind: 'box',
    field: '',
    id: undefined,
    label: box.label,
    color: box.color,
    ...(box.confidence !== undefined ? { confidence: box.confidence } : {}),
    tags: [],
    attributes: {},
    x: box.x,
    y: box.y,
    w: box.w,
    h: box.h,
  };
}
