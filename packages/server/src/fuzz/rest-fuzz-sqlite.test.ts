// Fuzzes every REST route on SQLite: the main pass as the admin, a smaller one without credentials and as a member and a guest.
import { FUZZ_RUNS, runsFraction } from './fuzz-settings.js';
import { describeRestFuzz } from './rest-fuzz.js';

await describeRestFuzz({ dialect: 'sqlite', adminRuns: FUZZ_RUNS, otherCallerRuns: runsFraction(6) });
