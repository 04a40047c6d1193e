// Key usage on SQLite and PostgreSQL: counted in memory per request, written in batches, bounded to 30 days per key.
import { KEY_USAGE_DAYS } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { useTwoServers } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { firstUsageDay } from './key-usage-recorder.js';

const DAY_MS = 24 * 3600 * 1000;

describe.each(await testDialects())('key usage on %s', (dialect) => {
  const servers = useTwoServers(dialect);

  const rowsOf = (keyId: string) =>
    servers.a.database.db.selectFrom('api_key_usage_days').selectAll().where('key_id', '=', keyId).execute();

  it('counts requests in memory and writes them in one batch, with the last client', async () => {
    const { apiKey } = await servers.a.keys.generate(servers.team.as.member, { name: 'usage' });
    for (let i = 0; i < 5; i++) servers.a.keyUsage.count(apiKey.id, '198.51.100.1', 'teamset-sdk/1');
    servers.a.keyUsage.count(apiKey.id, '198.51.100.2', 'curl/8');
    // Nothing is written on the request path.
    expect(await rowsOf(apiKey.id)).toEqual([]);
    await servers.a.keyUsage.flush();
    const key = (await servers.a.keys.list(servers.team.as.member)).find((k) => k.id === apiKey.id);
    expect(key?.usage).toMatchObject({
      lastUsedIp: '198.51.100.2',
      lastUsedUserAgent: 'curl/8',
      requestsLast30Days: 6,
      daily: [{ day: new Date().toISOString().slice(0, 10), requests: 6 }],
    });
    // A second server adds its own counts to the same day.
    servers.b.keyUsage.count(apiKey.id, '198.51.100.2', 'curl/8');
    await servers.b.keyUsage.flush();
    expect((await rowsOf(apiKey.id)).map((r) => Number(r.requests))).toEqual([7]);
  });

  it('keeps each day’s own count across midnight and prunes days past 30', async () => {
    const { apiKey } = await servers.a.keys.generate(servers.team.as.member, { name: 'days' });
    const now = Date.now();
    // An old row, as if written 40 days ago: the next flush's prune drops it.
    const old = new Date(now - 40 * DAY_MS).toISOString().slice(0, 10);
    await servers.a.database.db
      .insertInto('api_key_usage_days')
      .values({ key_id: apiKey.id, day: old, requests: 9 })
      .execute();
    servers.a.keyUsage.count(apiKey.id, null, null, now - DAY_MS);
    servers.a.keyUsage.count(apiKey.id, null, null, now);
    servers.a.keyUsage.count(apiKey.id, null, null, now);
    await servers.a.keyUsage.flush(now);
    // The prune runs at most once per day per server: force one for the check.
    await servers.a.database.db.deleteFrom('api_key_usage_days').where('day', '<', firstUsageDay(now)).execute();
    const rows = (await rowsOf(apiKey.id)).map((r) => [r.day, Number(r.requests)]).sort();
    expect(rows).toEqual([
      [new Date(now - DAY_MS).toISOString().slice(0, 10), 1],
      [new Date(now).toISOString().slice(0, 10), 2],
    ]);
    expect(rows.length).toBeLessThanOrEqual(KEY_USAGE_DAYS);
  });

  it('prunes on the first flush of a day', async () => {
    const { apiKey } = await servers.b.keys.generate(servers.team.as.member, { name: 'prune' });
    const old = new Date(Date.now() - 31 * DAY_MS).toISOString().slice(0, 10);
    await servers.b.database.db
      .insertInto('api_key_usage_days')
      .values({ key_id: apiKey.id, day: old, requests: 3 })
      .execute();
    // A later day than any flush so far on this recorder: the prune runs again.
    servers.b.keyUsage.count(apiKey.id, null, null, Date.now() + DAY_MS);
    await servers.b.keyUsage.flush(Date.now() + DAY_MS);
    expect((await rowsOf(apiKey.id)).map((r) => r.day)).not.toContain(old);
  });

  it('skips a key deleted since it was counted without losing the rest of the batch', async () => {
    const gone = await servers.a.keys.generate(servers.team.as.member, { name: 'gone' });
    const kept = await servers.a.keys.generate(servers.team.as.member, { name: 'kept' });
    servers.a.keyUsage.count(gone.apiKey.id, '192.0.2.1', null);
    servers.a.keyUsage.count(kept.apiKey.id, '192.0.2.1', null);
    await servers.a.keys.delete(servers.team.as.member, gone.apiKey.id);
    await servers.a.keyUsage.flush();
    expect((await rowsOf(kept.apiKey.id)).map((r) => Number(r.requests))).toEqual([1]);
    expect(await rowsOf(gone.apiKey.id)).toEqual([]);
  });
});
