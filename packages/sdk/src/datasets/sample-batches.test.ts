// streamBatches: batch boundaries by size, count and time, lazy consumption, one request in flight, and stopping on failure.
import { describe, expect, it } from 'vitest';
import { jsonBytes, streamBatches } from './sample-batches.js';

interface Item {
  n: number;
  pad: string;
}
const item = (n: number, size = 100): Item => ({ n, pad: 'x'.repeat(size) });
const bodyBytes = (batch: unknown[]): number => Buffer.byteLength(JSON.stringify({ samples: batch }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A sender that records each batch and resolves after a macrotask, like a request would. */
function recorder() {
  const batches: Item[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = async (batch: Item[]): Promise<string[]> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    batches.push(batch);
    await sleep(1);
    inFlight--;
    return batch.map((i) => String(i.n));
  };
  return { batches, send, maxInFlight: () => maxInFlight };
}

describe('streamBatches', () => {
  it('cuts batches so each request body stays within maxBytes, in input order', async () => {
    const { batches, send } = recorder();
    const input = Array.from({ length: 1000 }, (_, i) => item(i, 50 + (i % 7) * 40));
    await streamBatches(input, send, { limits: { maxBytes: 10_000, maxMs: 60_000 } });
    expect(batches.length).toBeGreaterThan(5);
    for (const batch of batches) expect(bodyBytes(batch)).toBeLessThanOrEqual(10_000);
    expect(batches.flat().map((i) => i.n)).toEqual(input.map((i) => i.n));
    // Full batches: adding the next item of the input would have crossed the limit.
    for (let b = 0; b < batches.length - 1; b++) {
      const next = batches[b + 1]?.[0] as Item;
      expect(bodyBytes([...(batches[b] as Item[]), next])).toBeGreaterThan(10_000);
    }
  });

  it('sends an item larger than maxBytes alone rather than failing here', async () => {
    const { batches, send } = recorder();
    await streamBatches([item(1, 10), item(2, 5_000), item(3, 10)], send, { limits: { maxBytes: 1_000 } });
    expect(batches.map((b) => b.map((i) => i.n))).toEqual([[1], [2], [3]]);
  });

  it('respects maxCount', async () => {
    const { batches, send } = recorder();
    await streamBatches(
      Array.from({ length: 25 }, (_, i) => item(i, 1)),
      send,
      { limits: { maxCount: 10 } },
    );
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
  });

  it('consumes the input lazily and keeps at most one request in flight', async () => {
    const { batches, send, maxInFlight } = recorder();
    let produced = 0;
    function* source() {
      for (let i = 0; i < 500; i++) {
        produced++;
        yield item(i);
      }
    }
    const seenAtSend: number[] = [];
    await streamBatches(
      source(),
      async (batch) => {
        seenAtSend.push(produced);
        return send(batch);
      },
      { limits: { maxBytes: 2_000 } },
    );
    expect(batches.length).toBeGreaterThan(10);
    expect(maxInFlight()).toBe(1);
    // When a batch is sent the source has produced that batch and at most one item beyond it.
    let sent = 0;
    batches.forEach((batch, b) => {
      sent += batch.length;
      expect(seenAtSend[b]).toBeLessThanOrEqual(sent + 1);
    });
  });

  it('sends a partial batch once it has waited maxMs for a slow async source', async () => {
    const { batches, send } = recorder();
    async function* slow() {
      yield item(1);
      yield item(2);
      await sleep(150);
      yield item(3);
    }
    await streamBatches(slow(), send, { limits: { maxMs: 20 } });
    expect(batches.map((b) => b.map((i) => i.n))).toEqual([[1, 2], [3]]);
  });

  it('reports results in order through onSent', async () => {
    const { send } = recorder();
    const ids: string[] = [];
    const sizes: number[] = [];
    await streamBatches(
      Array.from({ length: 100 }, (_, i) => item(i)),
      send,
      {
        limits: { maxBytes: 1_500 },
        onSent: (result, size) => {
          ids.push(...result);
          sizes.push(size);
        },
      },
    );
    expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => String(i)));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('stops at the first failed request, closes the source and throws that error', async () => {
    let produced = 0;
    let closed = false;
    function* source() {
      try {
        for (let i = 0; i < 10_000; i++) {
          produced++;
          yield item(i);
        }
      } finally {
        closed = true;
      }
    }
    let calls = 0;
    const failure = new Error('batch 2 rejected');
    const result = streamBatches(
      source(),
      async (batch) => {
        calls++;
        await sleep(1);
        if (calls === 2) throw failure;
        return batch.map(String);
      },
      { limits: { maxBytes: 2_000 } },
    );
    await expect(result).rejects.toBe(failure);
    expect(closed).toBe(true);
    expect(calls).toBe(2);
    expect(produced).toBeLessThan(100);
  });

  it('with encode, serializes each item once and hands the texts to send beside the items', async () => {
    let serialized = 0;
    const input = Array.from({ length: 300 }, (_, n) => ({
      n,
      pad: 'x'.repeat(80),
      toJSON: () => (serialized++, { n, pad: 'x'.repeat(80) }),
    }));
    const sent: Array<{ items: number[]; texts: string[] }> = [];
    await streamBatches(
      input,
      async (batch, texts) => {
        sent.push({ items: batch.map((i) => i.n), texts });
        await sleep(1);
        return batch.length;
      },
      { encode: (i) => JSON.stringify(i), limits: { maxBytes: 5_000, maxMs: 60_000 } },
    );
    expect(serialized).toBe(300);
    expect(sent.length).toBeGreaterThan(3);
    for (const { items, texts } of sent) {
      expect(texts.map((t) => (JSON.parse(t) as { n: number }).n)).toEqual(items);
      // The batch is sized by the same texts it sends (one separator byte each, as a list or one per line).
      expect(texts.reduce((bytes, t) => bytes + Buffer.byteLength(t) + 1, 0)).toBeLessThanOrEqual(5_000);
    }
    expect(sent.flatMap((b) => b.items)).toEqual(input.map((i) => i.n));
  });

  it('does nothing for empty input, and refuses items that are not JSON', async () => {
    const { batches, send } = recorder();
    await streamBatches([], send);
    expect(batches).toEqual([]);
    expect(() => jsonBytes({ n: 1n }, 4)).toThrow(/item 4 cannot be serialized as JSON/);
    await expect(streamBatches([{ n: 1n }] as never[], send)).rejects.toThrow(TypeError);
  });
});
