import { createServices, SYSTEM_ACTOR } from '@teamset/core';
const uri = process.argv[2];
const s = await createServices({ databaseUri: uri, background: false, queryTimeoutMs: 0 });
const gt = 'ground_truth.detections';
const aggs = {
  count: { type: 'count' },
  'sample tags': { type: 'count_values', path: 'tags', limit: 200 },
  classes: { type: 'count_values', path: `${gt}.label`, limit: 200 },
  'confidence bounds': { type: 'bounds', path: `${gt}.confidence` },
  'confidence histogram': { type: 'histogram_values', path: `${gt}.confidence`, bins: 10 },
  'label tags': { type: 'count_values', path: `${gt}.tags`, limit: 200 },
  'uniqueness bounds': { type: 'bounds', path: 'uniqueness' },
  'uniqueness histogram': { type: 'histogram_values', path: 'uniqueness', bins: 10 },
  'score bounds': { type: 'bounds', path: 'score' },
  'score histogram': { type: 'histogram_values', path: 'score', bins: 10 },
};
const filtered = { stages: [{ stage: 'filter_labels', field: 'ground_truth', filter: { op: 'and', args: [{ op: 'and', args: [{ op: 'eq', args: [{ op: 'elem', path: 'label' }, { op: 'lit', value: 'class_07' }] }, { op: 'gte', args: [{ op: 'elem', path: 'confidence' }, { op: 'lit', value: 0.2 }] }] }, { op: 'lte', args: [{ op: 'elem', path: 'confidence' }, { op: 'lit', value: 0.8 }] }] } }] };
const match = { stages: [{ stage: 'match', filter: { op: 'gt', args: [{ op: 'field', path: 'uniqueness' }, { op: 'lit', value: 0.5 }] } }, { stage: 'match_tags', tags: ['train'] }] };
for (const [vn, view] of [['unfiltered', { stages: [] }], ['filtered', filtered]]) {
  for (const [name, a] of Object.entries(aggs)) {
    const times = [];
    for (let i = 0; i < 3; i++) { const t = performance.now(); await s.samples.aggregate(SYSTEM_ACTOR, 'facets', { view, aggregations: [a] }); times.push(performance.now() - t); }
    times.sort((x, y) => x - y);
    console.log(`${vn} | ${name} | ${Math.round(times[1])}`);
  }
}
const times = [];
for (let i = 0; i < 3; i++) { const t = performance.now(); await s.samples.aggregate(SYSTEM_ACTOR, 'facets', { view: match, aggregations: [{ type: 'count' }] }); times.push(performance.now() - t); }
console.log(`match+match_tags | count | ${times.map(Math.round).join(', ')}`);
await s.close();
