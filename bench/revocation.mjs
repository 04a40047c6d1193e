// `npm run bench:revocation`: how soon a key deleted on one `teamset serve` is refused by another on the same
// PostgreSQL database (issue 14: ≤ 100 ms). A benchmark, not a test: it reports and never fails CI. See docs/benchmarks.md.
import { createServices, SYSTEM_ACTOR } from '@teamset/core';
import { keepAliveAgent, send } from './http-client.mjs';
import { latencySummary, machineLoad } from './latency-stats.mjs';
import { createBenchDatabase, startServe } from './teamset-servers.mjs';

const COUNT = Number(process.env.BENCH_REVOCATIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 5410);
/** Past this, B is taken to have missed the revocation (the key cache's own TTL is 60 s). */
const GIVE_UP_MS = 5_000;

/**
 * whoami's status for the key. Each revocation's polling of B comes from its own loopback address
 * (127.0.1.n): its final 401 is a failed authentication, and the server lets one address fail only
 * 20 times a minute.
 */
const agents = new Map();
async function status(url, key, from = '127.0.0.1') {
  if (!agents.has(from)) agents.set(from, keepAliveAgent({ localAddress: from }));
  return (await send(`${url}/api/v1/whoami`, { headers: { 'x-api-key': key }, agent: agents.get(from) })).status;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const loadBefore = machineLoad();
const database = await createBenchDatabase('postgres');
try {
  // Users and keys straight in the database, as `teamset users create` and `keys generate --user` do.
  const setup = await createServices({ databaseUri: database.uri, background: false });
  await setup.users.create(SYSTEM_ACTOR, { email: 'admin@example.com', name: 'Admin', role: 'ADMIN' });
  await setup.users.create(SYSTEM_ACTOR, { email: 'member@example.com', name: 'Member', role: 'MEMBER' });
  const adminKey = (await setup.keys.generate(SYSTEM_ACTOR, { name: 'admin', user: 'admin@example.com' })).key;
  const keys = [];
  for (let i = 0; i < COUNT; i++)
    keys.push(await setup.keys.generate(SYSTEM_ACTOR, { name: `k${i}`, user: 'member@example.com' }));
  await setup.close();

  const [a, b] = await Promise.all([startServe(database.uri, PORT), startServe(database.uri, PORT + 1)]);
  const adminAgent = keepAliveAgent();
  try {
    const sinceAnswered = [];
    const sinceSent = [];
    const deleteMs = [];
    let requestsToB = 0;
    for (const [i, { key, apiKey }] of keys.entries()) {
      const from = `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
      // Both servers have verified, and so cached, the key.
      const fresh = [await status(a.url, key), await status(b.url, key, from)];
      if (fresh.some((s) => s !== 200)) throw new Error(`a fresh key was refused: A ${fresh[0]}, B ${fresh[1]}`);
      // A random pause, so the deletions fall at every phase of B's 250 ms fallback poll.
      await sleep(Math.random() * 250);
      const sent = performance.now();
      const deleted = await send(`${a.url}/api/v1/keys/${apiKey.id}`, {
        method: 'DELETE',
        headers: { 'x-api-key': adminKey },
        agent: adminAgent,
      });
      if (deleted.status !== 204) throw new Error(`DELETE answered ${deleted.status}`);
      const answered = performance.now();
      // Tight polling of B: one request at a time, none in between.
      for (;;) {
        const answer = await status(b.url, key, from);
        requestsToB++;
        if (answer === 401) break;
        if (answer !== 200) throw new Error(`B answered ${answer}`);
        if (performance.now() - answered > GIVE_UP_MS)
          throw new Error(`B still accepted a deleted key after ${GIVE_UP_MS} ms`);
      }
      const refused = performance.now();
      sinceAnswered.push(refused - answered);
      sinceSent.push(refused - sent);
      deleteMs.push(answered - sent);
    }
    const rows = [
      ['B refuses the key, from A answering the DELETE', latencySummary(sinceAnswered)],
      ['B refuses the key, from sending the DELETE to A', latencySummary(sinceSent)],
      ['DELETE on A itself', latencySummary(deleteMs)],
    ];
    console.log(
      `\nTeamset revocation benchmark — Node ${process.version}, ${COUNT} keys deleted one at a time on A, two teamset serve processes, PostgreSQL`,
    );
    console.log(
      `Machine: before ${loadBefore}; after ${machineLoad()}. ${(requestsToB / COUNT).toFixed(1)} requests to B per revocation.\n`,
    );
    console.log('| measurement | min | median | p95 | max |\n| --- | --- | --- | --- | --- |');
    for (const [label, s] of rows)
      console.log(`| ${label} | ${fmt(s.min)} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} |`);
    const within = sinceAnswered.filter((ms) => ms <= 100).length;
    console.log(
      `\nTarget ≤ 100 ms (from A answering): ${within} of ${COUNT} revocations within it; median ${fmt(latencySummary(sinceAnswered).p50)}.`,
    );
  } finally {
    for (const agent of agents.values()) agent.destroy();
    adminAgent.destroy();
    await Promise.all([a.stop(), b.stop()]);
  }
} finally {
  await database.drop();
}
