// The datasets a caller can see, by name, a page at a time by opaque cursor (FiftyOne's datasetsConnection).
import { MAX_PAGE_SIZE, type Dataset } from '@teamset/contract';
import type { Actor } from '../actor.js';
import { badRequest } from '../errors/app-error.js';
import { permissionOf, toDataset, viewerOf } from './dataset-service.js';
import type { DatasetStore } from './dataset-store.js';

export interface DatasetCursorPage {
  datasets: Array<{ dataset: Dataset; cursor: string }>;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Names are unique, so the last name of a page is the whole keyset position. */
function encodeCursor(name: string): string {
  return Buffer.from(JSON.stringify([name])).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
  } catch {
    // Falls through to the same answer as a well-formed but wrong value.
  }
  throw badRequest('after is not a cursor this server returned', { field: 'after' });
}

export class DatasetCursorPages {
  constructor(private readonly store: DatasetStore) {}

  /** Up to `first` visible datasets after the cursor, by name, each with the caller's permission. */
  async page(
    actor: Actor,
    query: { first?: number | null; after?: string | null; search?: string | null },
  ): Promise<DatasetCursorPage> {
    const first = Math.min(MAX_PAGE_SIZE, Math.max(0, Math.floor(query.first ?? MAX_PAGE_SIZE)));
    const { items } = await this.store.listVisible(viewerOf(actor), {
      ...(query.search ? { search: query.search } : {}),
      ...(query.after !== undefined && query.after !== null ? { afterName: decodeCursor(query.after) } : {}),
      // One extra row says whether another page exists.
      limit: first + 1,
    });
    const datasets = items
      .slice(0, first)
      .map(({ record, userGrant, groupGrant }) =>
        toDataset(record, permissionOf(actor, record, userGrant, groupGrant)),
      );
    const last = datasets[datasets.length - 1];
    return {
      datasets: datasets.map((dataset) => ({ dataset, cursor: encodeCursor(dataset.name) })),
      hasNextPage: items.length > first,
      endCursor: last ? encodeCursor(last.name) : null,
    };
  }
}
