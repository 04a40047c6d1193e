// Bench helpers: percentiles of a list of latencies (nearest rank), and the machine's load for the record.
import { cpus, loadavg } from 'node:os';

/** min, p50, p95, p99 and max of the values (milliseconds), or undefined for none. */
export function latencySummary(values) {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return {
    count: sorted.length,
    min: sorted[0],
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted[sorted.length - 1],
  };
}

/** `uptime`'s load averages with the CPU count, e.g. "load 1.20 0.90 0.70 on 2 CPUs". */
export function machineLoad() {
  return `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} CPUs`;
}
