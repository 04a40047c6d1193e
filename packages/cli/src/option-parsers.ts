// Strict parsers for option and argument values; a bad value is a usage error (exit 2) raised by commander.
import { InvalidArgumentError } from 'commander';
import {
  DATASET_PERMISSIONS,
  MEDIA_TYPES,
  ROLES,
  type DatasetPermission,
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

/** Case-insensitive, so `admin` works as well as `ADMIN`. */
export function parseRole(value: string): Role {
  const role = value.toUpperCase();
  if (!(ROLES as readonly string[]).includes(role))
    throw new InvalidArgumentError(`Expected one of ${[...ROLES].reverse().join(', ')}.`);
  return role as Role;
}

/** Case-insensitive, and `no-access` works as well as `NO_ACCESS`. */
export function parseDatasetPermission(value: string): DatasetPermission {
  const permission = value.toUpperCase().replace(/-/g, '_');
  if (!(DATASET_PERMISSIONS as readonly string[]).includes(permission)) {
    throw new InvalidArgumentError(`Expected one of ${DATASET_PERMISSIONS.join(', ')}.`);
  }
  return permission as DatasetPermission;
}

/** Case-insensitive: `Image` works as well as `image`. */
export function parseMediaType(value: string): MediaType {
  const mediaType = value.toLowerCase();
  if (!(MEDIA_TYPES as readonly string[]).includes(mediaType))
    throw new InvalidArgumentError(`Expected one of ${MEDIA_TYPES.join(', ')}.`);
  return mediaType as MediaType;
}

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
