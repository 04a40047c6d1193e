// Tests for the masking helpers: a key shows only its prefix and first 8 characters; passwords never show.
import { formatApiKey } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { maskApiKey, maskDatabaseUri } from './mask-secrets.js';

describe('maskApiKey', () => {
  it('shows tsk_ and the first 8 characters only', () => {
    const key = formatApiKey('AbCdEfGh12345678901234567890abcd');
    expect(maskApiKey(key)).toBe('tsk_AbCdEfGh…');
    expect(maskApiKey(key)).not.toContain(key.slice(12));
  });

  it('hides anything that is not shaped like a key entirely', () => {
    expect(maskApiKey('hunter2-hunter2-hunter2')).toBe('…');
    expect(maskApiKey('tsk_short')).toBe('…');
  });
});

describe('maskDatabaseUri', () => {
  it('replaces a PostgreSQL password, in userinfo or query', () => {
    expect(maskDatabaseUri('postgres://teamset:s3cret@db:5432/teamset')).toBe('postgres://teamset:***@db:5432/teamset');
    expect(maskDatabaseUri('postgresql://db/teamset?user=a&password=s3cret')).not.toContain('s3cret');
  });

  it('leaves SQLite paths as they are', () => {
    expect(maskDatabaseUri('sqlite:/var/lib/teamset/teamset.db')).toBe('sqlite:/var/lib/teamset/teamset.db');
  });
});
