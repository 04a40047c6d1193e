// `teamset datasets stats` for people: the sample count, then a table per facet (tags, each label field's classes and confidences, each field).
import type { Facets, FieldFacet, NumericFacet, TopValues } from '@teamset/sdk';
import type { Output } from './output.js';

/** Numbers as people read them: integers with thousands separators, others to 4 significant digits. */
export function formatNumber(value: number | null): string {
  if (value === null) return '—';
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Number(value.toPrecision(4)));
}

export function renderFacets(out: Output, title: string, facets: Facets): void {
  out.line(`${title}: ${formatNumber(facets.count)} samples`);
  heading(out, `Sample tags (${counted(facets.sampleTags)})`);
  valueTable(out, 'TAG', facets.sampleTags);
  const labelTags = Object.entries(facets.labelTags).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  heading(out, `Label tags (${labelTags.length} distinct)`);
  if (labelTags.length > 0) out.table(labelTags, [tagColumn, countColumn]);
  for (const label of facets.labels) {
    const classes = label.classes ? ` · ${counted(label.classes, 'classes')}` : '';
    heading(out, `${label.path} (${label.labelClass}): ${formatNumber(label.count)} labels${classes}`);
    if (label.classes) valueTable(out, 'CLASS', label.classes);
    if (label.confidence) numericTable(out, 'confidence', label.confidence);
    for (const attribute of label.attributes) fieldSection(out, attribute);
  }
  if (facets.fields.length > 0) heading(out, 'Fields');
  for (const field of facets.fields) fieldSection(out, field);
}

const tagColumn = { header: 'TAG', value: (row: readonly [string, number]) => row[0] };
const countColumn = { header: 'COUNT', value: (row: readonly [string, number]) => formatNumber(row[1]) };

function heading(out: Output, text: string): void {
  out.line('');
  out.line(text);
}

/** "3 distinct", or "250 distinct, top 200 shown" when the list is cut. */
function counted(top: TopValues, noun = 'distinct'): string {
  const listed = top.values.filter((v) => v.value !== null).length;
  return listed < top.distinct ? `${top.distinct} ${noun}, top ${listed} shown` : `${top.distinct} ${noun}`;
}

function valueTable(out: Output, header: string, top: TopValues): void {
  if (top.values.length === 0) return;
  out.table(top.values, [
    { header, value: (v) => (v.value === null ? '(none)' : String(v.value)) },
    { header: 'COUNT', value: (v) => formatNumber(v.count) },
  ]);
}

function numericTable(out: Output, name: string, facet: NumericFacet): void {
  const [lo, hi] = facet.bounds;
  out.line(`${name}: ${lo === null ? 'no values' : `${formatNumber(lo)} to ${formatNumber(hi)}`}`);
  if (lo === null) return;
  const { counts, edges, other } = facet.histogram;
  const rows = counts.map((count, i) => ({
    range: `${formatNumber(edges[i] ?? null)} – ${formatNumber(edges[i + 1] ?? null)}`,
    count,
  }));
  if (other > 0) rows.push({ range: 'outside', count: other });
  out.table(rows, [
    { header: 'RANGE', value: (r) => r.range },
    { header: 'COUNT', value: (r) => formatNumber(r.count) },
  ]);
}

function fieldSection(out: Output, field: FieldFacet): void {
  if (field.kind === 'number') return numericTable(out, field.path, field);
  if (field.kind === 'bool') {
    out.line(
      `${field.path}: true ${formatNumber(field.true)}, false ${formatNumber(field.false)}, none ${formatNumber(field.none)}`,
    );
    return;
  }
  out.line(`${field.path}: ${counted(field)}`);
  valueTable(out, 'VALUE', field);
}
