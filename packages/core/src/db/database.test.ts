// Database URIs (parsing, defaults, redaction) and, on SQLite and PostgreSQL, idempotent migrations and connection settings.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { createServices, migrateDatabase } from '../services.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../test-support/test-databases.js';
import {
  isUniqueViolation,
  openDatabase,
  parseDatabaseUri,
  redactDatabaseUri,
  resolveDatabaseUri,
  teamsetHome,
  toIso,
  type Database,
} from './database.js';
import { migrateToLatest } from './migrator.js';

const TABLES = [
  'api_key_datasets',
  'api_key_previous_secrets',
  'api_key_usage_days',
  'api_keys',
  'audit_events',
  'auth_events',
  'dataset_fields',
  'dataset_group_permissions',
  'dataset_sample_counts',
  'dataset_user_permissions',
  'datasets',
  'invitation_dataset_grants',
  'invitations',
  'label_confidence_counts',
  'label_counts',
  'media_roots',
  'number_bucket_counts',
  'organization_settings',
  'password_hashes',
  'sample_labels',
  'sample_numbers',
  'sample_tag_counts',
  'sample_tags',
  'samples',
  'saved_views',
  'sessions',
  'user_group_members',
  'user_groups',
  'users',
];

describe('parseDatabaseUri', () => {
  it('reads PostgreSQL URIs in both spellings', () => {
    expect(parseDatabaseUri('postgres://u:p@db:5432/teamset')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://u:p@db:5432/teamset',
    });
    expect(parseDatabaseUri('postgresql://db/teamset')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgresql://db/teamset',
    });
  });

  it('reads SQLite URIs with absolute, triple-slash, relative and in-memory paths', () => {
    expect(parseDatabaseUri('sqlite:/var/lib/teamset/teamset.db')).toEqual({
      dialect: 'sqlite',
      path: '/var/lib/teamset/teamset.db',
    });
    expect(parseDatabaseUri('sqlite:///var/lib/teamset/teamset.db')).toEqual({
      dialect: 'sqlite',
      path: '/var/lib/teamset/teamset.db',
    });
    expect(parseDatabaseUri('sqlite:data/teamset.db')).toEqual({ dialect: 'sqlite', path: resolve('data/teamset.db') });
    expect(parseDatabaseUri('sqlite::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' });
  });

  it('rejects an empty SQLite path and unknown schemes with BAD_REQUEST', () => {
    for (const uri of [
      'sqlite:',
      'sqlite://',
      'mysql://root@db/teamset',
      'mongodb://localhost:27017',
      '/plain/path.db',
      '',
    ]) {
      let caught: unknown;
      try {
        parseDatabaseUri(uri);
      } catch (error) {
        caught = error;
      }
      expect(caught, uri).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('BAD_REQUEST');
    }
  });
});

describe('resolveDatabaseUri and teamsetHome', () => {
  it('prefers an explicit URI, trimmed', () => {
    expect(resolveDatabaseUri('  postgres://db/x ', {})).toBe('postgres://db/x');
  });

  it('falls back to teamset.db under TEAMSET_HOME, or ~/.teamset', () => {
    expect(resolveDatabaseUri(undefined, { TEAMSET_HOME: '/srv/teamset' })).toBe(
      `sqlite:${join('/srv/teamset', 'teamset.db')}`,
    );
    expect(resolveDatabaseUri('   ', { TEAMSET_HOME: '/srv/teamset' })).toBe(
      `sqlite:${join('/srv/teamset', 'teamset.db')}`,
    );
    expect(teamsetHome({})).toMatch(/[/\\]\.teamset$/);
    expect(teamsetHome({ TEAMSET_HOME: 'rel/home' })).toBe(resolve('rel/home'));
  });
});

describe('redactDatabaseUri', () => {
  it('masks the password and keeps the rest', () => {
    expect(redactDatabaseUri('postgres://teamset:s3cret@db.internal:5432/teamset')).toBe(
      'postgres://teamset:***@db.internal:5432/teamset',
    );
    expect(redactDatabaseUri('postgresql://teamset:s3cret@db/teamset?sslmode=require')).toBe(
      'postgresql://teamset:***@db/teamset?sslmode=require',
    );
  });

  it('leaves URIs without a password alone', () => {
    for (const uri of [
      'postgres://teamset@db:5432/teamset',
      'postgres://db/teamset',
      'sqlite:/var/lib/teamset.db',
      'sqlite:relative/x.db',
    ]) {
      expect(redactDatabaseUri(uri)).toBe(uri);
    }
  });

  // pg accepts each of these and uses the password shown (checked against pg-connection-string).
  it.each([
    ['postgres://u:p@ss@db/teamset', 'p@ss', 'postgres://u:***@db/teamset'],
    ['postgres://u:a:b:c@db/teamset', 'a:b:c', 'postgres://u:***@db/teamset'],
    ['postgres://:s3cret@db/teamset', 's3cret', 'postgres://:***@db/teamset'],
    [
      'postgres://db/teamset?sslmode=require&password=s3cret',
      's3cret',
      'postgres://db/teamset?sslmode=require&password=***',
    ],
    ['postgres://u:one@db/teamset?password=two', 'two', 'postgres://u:***@db/teamset?password=***'],
  ])('never shows any part of the password in %s', (uri, password, expected) => {
    const redacted = redactDatabaseUri(uri);
    expect(redacted).toBe(expected);
    expect(redacted).not.toContain(password);
    for (const part of password.split(/[@:]/)) expect(redacted).not.toContain(`${part}@`);
  });
});

describe('openDatabase on a new SQLite path', () => {
  it('creates the parent directory, enables WAL and foreign keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamset-db-'));
    const database = openDatabase(`sqlite:${join(dir, 'nested', 'deeper', 'teamset.db')}`);
    try {
      expect(database.dialect).toBe('sqlite');
      expect(existsSync(join(dir, 'nested', 'deeper'))).toBe(true);
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes the file handle on close(), used or not (Kysely opens its side lazily)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamset-db-'));
    try {
      const unused = openDatabase(`sqlite:${join(dir, 'unused.db')}`);
      await unused.close();
      expect(unused.sqlite?.open).toBe(false);
      const used = openDatabase(`sqlite:${join(dir, 'used.db')}`);
      await sql`select 1`.execute(used.db);
      await used.close();
      expect(used.sqlite?.open).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('toIso', () => {
  it('normalizes Date and ISO text alike', () => {
    expect(toIso(new Date('2030-01-02T03:04:05.678Z'))).toBe('2030-01-02T03:04:05.678Z');
    expect(toIso('2030-01-02T03:04:05.678Z')).toBe('2030-01-02T03:04:05.678Z');
  });
});

describe.each(await testDialects())('migrations on %s', (dialect) => {
  let tdb: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    database = openDatabase(tdb.uri);
  });
  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });

  it('applies every migration once, then nothing, however often it runs', async () => {
    expect(await migrateToLatest(database)).toEqual({
      applied: [
        '0001-identity',
        '0002-datasets',
        '0003-samples',
        '0004-user-groups',
        '0005-media-roots',
        '0006-label-index',
        '0007-label-counters',
        '0008-key-rotation',
        '0009-key-scopes',
        '0010-service-accounts-and-key-usage',
        '0011-number-index',
        '0012-saved-view-color',
        '0013-number-counters',
        '0014-metadata-numbers',
      ],
    });
    expect(await migrateToLatest(database)).toEqual({ applied: [] });
    expect(await migrateDatabase(tdb.uri)).toEqual({ applied: [] });
    // Start-up of a server on an already migrated database.
    const services = await createServices({ databaseUri: tdb.uri, background: false });
    await services.close();
    expect(await migrateToLatest(database)).toEqual({ applied: [] });
  });

  it('creates the identity and dataset tables', async () => {
    const tables = (await database.db.introspection.getTables())
      .map((t) => t.name)
      .filter((name) => !name.startsWith('kysely_'));
    expect(tables.sort()).toEqual(TABLES);
  });

  it('redacts the password in displayUri', () => {
    expect(database.displayUri).toBe(redactDatabaseUri(tdb.uri));
  });

  it('enforces unique emails and foreign keys, and recognises a unique violation', async () => {
    const at = new Date().toISOString();
    const row = {
      id: 'a'.repeat(24),
      email: 'dup@example.com',
      name: 'A',
      role: 'MEMBER',
      created_at: at,
      updated_at: at,
    };
    await database.db.insertInto('users').values(row).execute();
    const duplicate = await database.db
      .insertInto('users')
      .values({ ...row, id: 'b'.repeat(24) })
      .execute()
      .catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const badRole = await database.db
      .insertInto('users')
      .values({ ...row, id: 'c'.repeat(24), email: 'c@example.com', role: 'OWNER' })
      .execute()
      .catch((error: unknown) => error);
    expect(badRole).toBeInstanceOf(Error);
    expect(isUniqueViolation(badRole)).toBe(false);
    const orphan = await database.db
      .insertInto('sessions')
      .values({
        id: 'd'.repeat(24),
        token_hash: 'h',
        user_id: 'f'.repeat(24),
        created_at: at,
        expires_at: at,
        ip: null,
        user_agent: null,
      })
      .execute()
      .catch((error: unknown) => error);
    expect(orphan).toBeInstanceOf(Error);
    expect(isUniqueViolation(orphan)).toBe(false);
    expect(isUniqueViolation(new Error('plain'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
