// Where the facets' time goes: each aggregation of the sidebar's request alone, then the whole request, over the
// cached bench:facets dataset through core services (no server), median of --repeat runs after a warm-up.
// `node bench/facets-breakdown.mjs --uri sqlite:/tmp/x/sqlite-200000/bench.db [--filtered] [--app] [--repeat 3]`
// `--app` asks what the App's sidebar asks of this dataset (web `planFacets`): also the label count and the confidence
// histogram over [0, 1]; and, as the request of its own that the sidebar's Metadata section sends once opened, the
// metadata's bounds + histograms and MIME types.
import { parseArgs } from 'node:util';
import { createServices, SYSTEM_ACTOR } from '@teamset/core';
import { machineLoad } from './latency-stats.mjs';

const { values: args } = parseArgs({
  options: {
    uri: { type: 'string' },
    repeat: { type: 'string', default: '3' },
    filtered: { type: 'boolean', default: false },
    app: { type: 'boolean', default: false },
  },
});
const REPEAT = Number(args.repeat);
const elem = (path) => ({ op: 'elem', path });
const lit = (value) => ({ op: 'lit', value });
const op = (name, ...rest) => ({ op: name, args: rest });
// bench:facets' filter: one class, confidence in [0.2, 0.8].
const filter = op(
  'and',
  op('and', op('eq', elem('label'), lit('class_07')), op('gte', elem('confidence'), lit(0.2))),
  op('lte', elem('confidence'), lit(0.8)),
);
const view = { stages: args.filtered ? [{ stage: 'filter_labels', field: 'ground_truth', filter }] : [] };
// What view.facets() asks for this dataset (sdk/src/datasets/facets.ts), in its order.
const items = 'ground_truth.detections';
const aggregations = [
  ['count', { type: 'count' }],
  ['sample tags', { type: 'count_values', path: 'tags', limit: 200 }],
  ['classes (top 200)', { type: 'count_values', path: `${items}.label`, limit: 200 }],
  ['confidence bounds', { type: 'bounds', path: `${items}.confidence` }],
  ['confidence histogram', { type: 'histogram_values', path: `${items}.confidence`, bins: 10 }],
  ['label tags', { type: 'count_values', path: `${items}.tags` }],
  ['uniqueness bounds', { type: 'bounds', path: 'uniqueness' }],
  ['uniqueness histogram', { type: 'histogram_values', path: 'uniqueness', bins: 10 }],
  ['score bounds', { type: 'bounds', path: 'score' }],
  ['score histogram', { type: 'histogram_values', path: 'score', bins: 10 }],
];
if (args.app) {
  aggregations.splice(2, 0, ['labels (count)', { type: 'count', path: items }]);
  const confidence = aggregations.findIndex(([name]) => name === 'confidence histogram');
  aggregations[confidence] = [
    'confidence histogram over [0, 1]',
    { type: 'histogram_values', path: `${items}.confidence`, bins: 10, range: [0, 1] },
  ];
}
/** The Metadata section's request (web `planFieldFacets` of the metadata group), with --app. */
const metadata = [];
if (args.app) {
  for (const path of ['metadata.size_bytes', 'metadata.width', 'metadata.height', 'metadata.num_channels']) {
    metadata.push([`${path} bounds`, { type: 'bounds', path }]);
    metadata.push([`${path} histogram`, { type: 'histogram_values', path, bins: 10 }]);
  }
  metadata.push(['metadata.mime_type (top 200)', { type: 'count_values', path: 'metadata.mime_type', limit: 200 }]);
}

const services = await createServices({ databaseUri: args.uri, background: false });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function timed(list) {
  const run = () => services.samples.aggregate(SYSTEM_ACTOR, 'facets', { view, aggregations: list });
  await run();
  const times = [];
  for (let i = 0; i < REPEAT; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}
try {
  const before = machineLoad();
  const rows = [];
  for (const [name, aggregation] of aggregations) rows.push([name, await timed([aggregation])]);
  rows.push(['whole request', await timed(aggregations.map(([, aggregation]) => aggregation))]);
  for (const [name, aggregation] of metadata) rows.push([name, await timed([aggregation])]);
  if (metadata.length > 0)
    rows.push(['whole Metadata section request', await timed(metadata.map(([, aggregation]) => aggregation))]);
  for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(0)} |`);
  console.log(`load ${JSON.stringify(before)} → ${JSON.stringify(machineLoad())}`);
} finally {
  await services.close();
}
