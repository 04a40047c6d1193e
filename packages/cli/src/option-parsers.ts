// Strict parsers for option and argument values; a bad value is a usage error (exit 2) raised by commander.
import { InvalidArgumentError } from 'commander';
import {
  DATASET_PERMISSIONS,
  KEY_SCOPE_PERMISSIONS,
  MEDIA_TYPES,
  ROLES,
  type DatasetPermission,
  type KeyScopePermission,
  type MediaType,
  type Role,
} from '@teamset/contract';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `--expires-in 30s|15m|12h|90d` → seconds. Nothing else: no spaces, no decimals, no combined units. */
export function parseDuration(value: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(value);
  if (!match)
    throw new InvalidArgumentError('Expected a whole number followed by s, m, h or d, e.g. 30s, 15m, 12h, 90d.');
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds < 1 || !Number.isSafeInteger(seconds))
    throw new InvalidArgumentError('The duration must be at least 1 second.');
  return seconds;
}

/** A rotation's grace: a duration as for --expires-in, or 0 for none. */
export function parseGrace(value: string): number {
  return value === '0' ? 0 : parseDuration(value);
}

export function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65_535)
    throw new InvalidArgumentError('Expected a port number from 0 to 65535.');
  return Number(value);
}

export function parsePositiveInt(value: string): number {
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError('Expected a whole number of 1 or more.');
  return Number(value);
}

/** SQLite reader threads: 0 (every read on the main thread) up to 64. */
export function parseReaderCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 64)
    throw new InvalidArgumentError('Expected a whole number from 0 to 64.');
  return Number(value);
}

/**
 * A parser for one of a closed set of words: `normalize` maps what was typed onto the set's spelling (case, dashes);
 * anything else is refused with the list (`listed`, when it reads better in another order).
 */
export function choiceParser<T extends string>(
  choices: readonly T[],
  normalize: (value: string) => string,
  listed: readonly T[] = choices,
): (value: string) => T {
  return (value) => {
    const choice = normalize(value);
    if (!(choices as readonly string[]).includes(choice))
      throw new InvalidArgumentError(`Expected one of ${listed.join(', ')}.`);
    return choice as T;
  };
}

const upper = (value: string) => value.toUpperCase();
export const lower = (value: string) => value.toLowerCase();

/** Case-insensitive, so `admin` works as well as `ADMIN`. */
export const parseRole: (value: string) => Role = choiceParser(ROLES, upper, [...ROLES].reverse());

/** Case-insensitive, and `no-access` works as well as `NO_ACCESS`. */
export const parseDatasetPermission: (value: string) => DatasetPermission = choiceParser(DATASET_PERMISSIONS, (value) =>
  upper(value).replace(/-/g, '_'),
);

/** A key's highest dataset permission (case-insensitive): VIEW, TAG or EDIT. */
export const parseKeyScopePermission: (value: string) => KeyScopePermission = choiceParser(
  KEY_SCOPE_PERMISSIONS,
  upper,
);

/** For a repeatable option: each use adds one value. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Case-insensitive: `Image` works as well as `image`. */
export const parseMediaType: (value: string) => MediaType = choiceParser(MEDIA_TYPES, lower);

/** Seconds, a positive number up to one hour: a longer view query would hold a connection too long to be useful. */
export function parseQueryTimeout(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600)
    throw new InvalidArgumentError(`expected seconds between 0 and 3600, got ${JSON.stringify(value)}`);
  return seconds;
}

/** GraphQL's depth limit, 1 to 200: deeper documents would reach graphql's recursive parser and validator. */
export function parseGraphqlMaxDepth(value: string): number {
  const depth = parsePositiveInt(value);
  if (depth > 200) throw new InvalidArgumentError(`expected a depth from 1 to 200, got ${value}`);
  return depth;
}
