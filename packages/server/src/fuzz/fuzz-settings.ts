// Fuzz settings: a fixed seed and run counts by default so CI is deterministic; FUZZ_SEED and FUZZ_RUNS change them.

/** The seed every property derives its own from; printed at the start of each fuzz file so a failure can be replayed. */
export const FUZZ_SEED = readPositiveInt('FUZZ_SEED', 14_2026);

/**
 * Runs per route of the main (admin, SQLite) pass. The default keeps the whole fuzz suite at about two to three
 * minutes on a 2-core machine; the other passes are fractions of it.
 */
export const FUZZ_RUNS = readPositiveInt('FUZZ_RUNS', 60);

/** A request with no answer within this long counts as a hang (generous: the point is "never", not "fast"). */
export const REQUEST_TIMEOUT_MS = 10_000;

function readPositiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** A fraction of FUZZ_RUNS, at least one run. */
export function runsFraction(divisor: number): number {
  return Math.max(1, Math.ceil(FUZZ_RUNS / divisor));
}

/** The property's own seed: FUZZ_SEED mixed with the route, so routes explore different cases yet replay exactly. */
export function seedFor(label: string): number {
  let hash = FUZZ_SEED | 0;
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return hash | 0;
}

export function announceSeed(suite: string): void {
  console.log(`${suite}: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} (set either to replay or to run more)`);
}

/** fc.assert's options: the property's seed, its runs, and the failing request's description in the report itself. */
export function assertOptions(
  label: string,
  numRuns: number,
): { seed: number; numRuns: number; includeErrorInReport: true } {
  return { seed: seedFor(label), numRuns, includeErrorInReport: true };
}
