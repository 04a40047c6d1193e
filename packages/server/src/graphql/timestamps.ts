// Timestamps as FiftyOne's API writes them: UTC, microseconds, an explicit +00:00 offset (Python's fromisoformat reads these).
import { GraphQLError } from 'graphql';

/** `2026-05-01T12:00:00.000Z` → `2026-05-01T12:00:00.000000+00:00`; JavaScript dates hold milliseconds, so the last three digits are 0. */
export function fiftyOneTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new GraphQLError(`Not a timestamp: ${JSON.stringify(iso)}`);
  const text = new Date(ms).toISOString();
  return `${text.slice(0, 19)}.${text.slice(20, 23)}000+00:00`;
}

export function fiftyOneTimestampOrNull(iso: string | null | undefined): string | null {
  return iso === null || iso === undefined ? null : fiftyOneTimestamp(iso);
}
