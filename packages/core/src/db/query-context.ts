// The request a query runs for, carried by AsyncLocalStorage so a closed connection cancels its query without every service taking a signal.
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the query runner needs to know about the work it runs for. Set once per HTTP request by the server's
 * cancellation hook and once per view read by QueryBudget (which adds the deadline); read by the SQLite reader
 * pool and by QueryBudget on PostgreSQL. Threading a signal through every service and store signature would touch
 * dozens of methods for one concern; the async context reaches the runner through them unchanged.
 */
export interface QueryContext {
  /** Aborted when the client that asked has gone (its connection closed before the answer). */
  readonly signal: AbortSignal | undefined;
  /** Epoch ms past which the running read is cancelled with QUERY_TIMEOUT; undefined: unbounded. */
  readonly deadline: number | undefined;
}

const storage = new AsyncLocalStorage<QueryContext>();

export function currentQueryContext(): QueryContext | undefined {
  return storage.getStore();
}

/** Runs `work` (and everything it awaits) as part of the request whose client `signal` watches. */
export function runWithSignal<T>(signal: AbortSignal, work: () => T): T {
  return storage.run({ signal, deadline: currentQueryContext()?.deadline }, work);
}

/** Runs one read under a deadline, keeping the surrounding request's signal. */
export function runWithDeadline<T>(deadline: number | undefined, work: () => T): T {
  return storage.run({ signal: currentQueryContext()?.signal, deadline }, work);
}

/** Thrown when the client a query ran for went away and the query was stopped; nobody reads the answer. */
export class QueryCancelled extends Error {
  constructor() {
    super('query cancelled: the client closed the connection');
    this.name = 'QueryCancelled';
  }
}
