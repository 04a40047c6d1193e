// SerialGate: one piece of work at a time per key, a bounded queue, nothing kept for idle keys.
import { describe, expect, it } from 'vitest';
import { SerialGate } from './serial-gate.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SerialGate', () => {
  it('runs one piece of work at a time per key, in order, and others keys alongside', async () => {
    const gate = new SerialGate(10);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = (n: number) => async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      order.push(n);
      running--;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4].map((n) => gate.run('a', work(n))));
    expect(results).toEqual([1, 2, 3, 4].map((value) => ({ ran: true, value })));
    expect(most).toBe(1);
    expect(order).toEqual([1, 2, 3, 4]);

    running = 0;
    most = 0;
    await Promise.all([gate.run('a', work(5)), gate.run('b', work(6))]);
    expect(most).toBe(2);
    expect(gate.size).toBe(0);
  });

  it('refuses work beyond the queue instead of keeping it waiting', async () => {
    const gate = new SerialGate(2);
    let release!: () => void;
    const first = gate.run('a', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    const queued = [gate.run('a', async () => 'second'), gate.run('a', async () => 'third')];
    expect(await gate.run('a', async () => 'fourth')).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(await Promise.all(queued)).toEqual([
      { ran: true, value: 'second' },
      { ran: true, value: 'third' },
    ]);
  });

  it('a failing piece of work frees the lane for the next', async () => {
    const gate = new SerialGate(5);
    const failing = gate.run('a', async () => {
      throw new Error('boom');
    });
    const next = gate.run('a', async () => 'after');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toEqual({ ran: true, value: 'after' });
    expect(gate.size).toBe(0);
  });
});
