// The explore view's place in the URL: `?view=<slug>` (a saved view), `?filters=<base64url JSON>` (sidebar filters on top) and `?sample=<id>` (the open sample).
import { normalizeFilters, type ExploreFilters, type FieldFilter, type LabelFilter } from './explore-filters';

export const VIEW_PARAM = 'view';
export const FILTERS_PARAM = 'filters';
export const SAMPLE_PARAM = 'sample';

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** '' for no filters, so the parameter can be left out of the URL. */
export function encodeFilters(filters: ExploreFilters): string {
  const clean = normalizeFilters(filters);
  return Object.keys(clean).length === 0 ? '' : toBase64Url(JSON.stringify(clean));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
const range = (value: unknown): [number, number] | undefined =>
  Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && Number.isFinite(v))
    ? [value[0] as number, value[1] as number]
    : undefined;

function labelFilter(value: unknown): LabelFilter | undefined {
  if (!isRecord(value)) return undefined;
  const classes = strings(value.classes);
  const confidence = range(value.confidence);
  return {
    ...(classes ? { classes } : {}),
    ...(confidence ? { confidence } : {}),
    ...(value.mode === 'samples' ? { mode: 'samples' as const } : {}),
  };
}

function fieldFilter(value: unknown): FieldFilter | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'range') {
    const bounds = range(value.range);
    return bounds ? { kind: 'range', range: bounds } : undefined;
  }
  if (value.kind === 'values') {
    const values = strings(value.values);
    return values ? { kind: 'values', values } : undefined;
  }
  if (value.kind === 'bool' && Array.isArray(value.values)) {
    const values = value.values.filter((v): v is boolean | null => v === true || v === false || v === null);
    return { kind: 'bool', values };
  }
  return undefined;
}

function entries<T>(value: unknown, read: (item: unknown) => T | undefined): Record<string, T> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, T> = {};
  for (const [key, item] of Object.entries(value)) {
    const parsed = read(item);
    if (parsed) out[key] = parsed;
  }
  return out;
}

/** The filters a link carries; a damaged or hand-edited parameter gives no filters rather than an error. */
export function decodeFilters(encoded: string | null | undefined): ExploreFilters {
  if (!encoded) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(encoded));
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  const sampleTags = strings(parsed.sampleTags);
  const labelTags = strings(parsed.labelTags);
  const labels = entries(parsed.labels, labelFilter);
  const fields = entries(parsed.fields, fieldFilter);
  return normalizeFilters({
    ...(sampleTags ? { sampleTags } : {}),
    ...(labelTags ? { labelTags } : {}),
    ...(labels ? { labels } : {}),
    ...(fields ? { fields } : {}),
  });
}
