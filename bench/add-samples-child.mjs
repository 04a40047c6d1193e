// Child process of bench/datasets.mjs: adds N synthetic samples through the SDK's API connection and reports
// its own peak memory, so the figure is the SDK's alone (the server runs in another process).
import { ApiConnection, createDataset } from '@teamset/sdk';
import { syntheticSamples } from './synthetic-samples.mjs';

const [apiUri, apiKey, name, count] = process.argv.slice(2);
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const connection = new ApiConnection({ apiUri, apiKey });
const dataset = await createDataset(name, {}, connection);
const started = performance.now();
const added = await dataset.addSamples(syntheticSamples(Number(count)), { returnIds: false });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
process.send?.({ added, seconds, peakRssMb: peakRss / 2 ** 20 });
await connection.close();
