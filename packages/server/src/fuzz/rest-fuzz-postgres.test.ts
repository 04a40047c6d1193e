// Fuzzes every REST route on PostgreSQL (required in CI, skipped locally when no server is reachable), a smaller admin pass.
import { describe, it } from 'vitest';
import { postgresAvailable } from '@teamset/core/testing';
import { runsFraction } from './fuzz-settings.js';
import { describeRestFuzz } from './rest-fuzz.js';

if (await postgresAvailable())
  await describeRestFuzz({ dialect: 'postgres', adminRuns: runsFraction(6), otherCallerRuns: 0 });
else describe.skip('REST fuzz on postgres (no PostgreSQL reachable)', () => it('runs', () => undefined));
