import { describe, expect, it } from 'vitest';
import { RequestQueue } from './request-queue';

const tick = () => new Promise((r) => setTimeout(r, 10));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('RequestQueue', () => {
  it('starts nothing in the task that queued it, then at most `limit` at once in order', async () => {
    const queue = new RequestQueue(2);
    const started: number[] = [];
    const gates = [deferred(), deferred(), deferred()];
    gates.forEach((gate, i) =>
      queue.enqueue(() => {
        started.push(i);
        return gate.promise;
      }),
    );
    expect(started).toEqual([]);
    await tick();
    expect(started).toEqual([0, 1]);
    gates[0]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
  });

  it('never starts a job cancelled before its turn', async () => {
    const queue = new RequestQueue(1);
    const started: string[] = [];
    const gate = deferred();
    queue.enqueue(() => (started.push('a'), gate.promise));
    const cancel = queue.enqueue(() => (started.push('b'), Promise.resolve()));
    queue.enqueue(() => (started.push('c'), Promise.resolve()));
    await tick();
    cancel();
    gate.resolve();
    await tick();
    expect(started).toEqual(['a', 'c']);
    expect(queue.pending).toBe(0);
  });

  it('frees the slot of a job that fails', async () => {
    const queue = new RequestQueue(1);
    const started: string[] = [];
    queue.enqueue(() => (started.push('a'), Promise.reject(new Error('down'))));
    queue.enqueue(() => (started.push('b'), Promise.resolve()));
    await tick();
    await tick();
    expect(started).toEqual(['a', 'b']);
  });
});
