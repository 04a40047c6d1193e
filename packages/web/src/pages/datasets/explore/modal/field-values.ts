// How the modal writes a sample's fields and a label's attributes: short, exact text for each value, and label fields summarized.

/** Fields every sample has, shown in their own places (title, tags, metadata) rather than among the custom fields. */
const BUILTIN = new Set(['id', 'filepath', 'tags', 'metadata', 'created_at', 'last_modified_at', 'media_type']);
const MAX_TEXT = 120;
/** The list key of each list label class; single classes have none. */
const LIST_KEYS: Readonly<Record<string, string>> = {
  Detections: 'detections',
  Classifications: 'classifications',
  Keypoints: 'keypoints',
  Polylines: 'polylines',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One value as text: numbers as they are (floats to 4 places), lists and documents as short JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** "Detections: 2 car, 1 person" — a label field at a glance; a single label is its name (and confidence). */
export function summarizeLabel(value: Record<string, unknown>): string {
  const cls = String(value._cls);
  const key = LIST_KEYS[cls];
  if (key !== undefined) {
    const items = Array.isArray(value[key]) ? (value[key] as unknown[]) : [];
    const counts = new Map<string, number>();
    for (const item of items) {
      const label = isRecord(item) && typeof item.label === 'string' ? item.label : 'unlabelled';
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const parts = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l, n]) => `${n} ${l}`);
    return `${cls}: ${parts.length > 0 ? parts.join(', ') : 'none'}`;
  }
  if (cls === 'Regression') return `Regression: ${formatValue(value.value)}`;
  const label = typeof value.label === 'string' ? value.label : '';
  const confidence = typeof value.confidence === 'number' ? ` (${formatValue(value.confidence)})` : '';
  return `${cls}: ${label || 'unlabelled'}${confidence}`;
}

/** The sample's own fields (not the built-in ones) as [name, text] in the sample's order, label fields summarized. */
export function customFields(sample: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(sample)
    .filter(([name]) => !BUILTIN.has(name))
    .map(([name, value]) => [
      name,
      isRecord(value) && typeof value._cls === 'string' ? summarizeLabel(value) : formatValue(value),
    ]);
}

/** Metadata entries (width, height, size_bytes, mime_type…) as [name, text]. */
export function metadataEntries(metadata: unknown): Array<[string, string]> {
  return isRecord(metadata) ? Object.entries(metadata).map(([k, v]) => [k, formatValue(v)]) : [];
}
