// Bench helper: the kernel's high-water mark of another process's resident memory.
import { readFileSync } from 'node:fs';

/** VmHWM of `pid` in MiB (the peak since it started); undefined once it has exited. */
export function peakRssMb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
