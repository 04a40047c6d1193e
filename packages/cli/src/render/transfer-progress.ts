// Progress of an import or export on stderr: a bar with samples/s and ETA on a terminal, plain lines otherwise.
import cliProgress from 'cli-progress';
import type { TransferProgress } from '@teamset/sdk';

/** Plain lines at most this often (plus the first and last of each phase), so a CI log stays readable. */
const LINE_INTERVAL_MS = 2_000;
const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function rate(p: TransferProgress): number {
  return p.elapsedMs > 0 ? (p.done / p.elapsedMs) * 1000 : 0;
}

function eta(p: TransferProgress): string {
  const perSecond = rate(p);
  if (p.total === null || perSecond === 0) return '?';
  const seconds = Math.max(0, Math.round((p.total - p.done) / perSecond));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** One line describing `p`, e.g. `importing 45,000/100,000 samples (12,345 samples/s, ETA 4 s)`. */
export function progressLine(p: TransferProgress): string {
  if (p.phase === 'reading') {
    const percent = p.total ? Math.floor((p.done / p.total) * 100) : 0;
    return `reading the input: ${percent}%`;
  }
  const of = p.total === null ? numbers.format(p.done) : `${numbers.format(p.done)}/${numbers.format(p.total)}`;
  return `${p.phase} ${of} samples (${numbers.format(rate(p))} samples/s, ETA ${eta(p)})`;
}

export class TransferProgressReporter {
  readonly #stream: NodeJS.WriteStream;
  readonly #tty: boolean;
  #bar: cliProgress.SingleBar | undefined;
  #phase: TransferProgress['phase'] | undefined;
  #lastLine = 0;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream;
    this.#tty = Boolean(stream.isTTY);
  }

  readonly update = (p: TransferProgress): void => {
    if (this.#tty) this.#barUpdate(p);
    else this.#lineUpdate(p);
  };

  /** Ends the bar (if any); call before printing the result. */
  stop(): void {
    this.#bar?.stop();
    this.#bar = undefined;
  }

  #lineUpdate(p: TransferProgress): void {
    const now = performance.now();
    const first = p.phase !== this.#phase;
    const last = p.total !== null && p.done >= p.total;
    this.#phase = p.phase;
    if (!first && !last && now - this.#lastLine < LINE_INTERVAL_MS) return;
    this.#lastLine = now;
    this.#stream.write(`teamset: ${progressLine(p)}\n`);
  }

  #barUpdate(p: TransferProgress): void {
    const total = p.total ?? Math.max(p.done, 1);
    const payload = {
      phase: p.phase,
      rate: numbers.format(rate(p)),
      remaining: eta(p),
      unit: p.phase === 'reading' ? '' : ' samples',
    };
    if (p.phase !== this.#phase || !this.#bar) {
      this.stop();
      this.#phase = p.phase;
      this.#bar = new cliProgress.SingleBar(
        {
          stream: this.#stream,
          format:
            p.phase === 'reading'
              ? '{phase} |{bar}| {percentage}%'
              : '{phase} |{bar}| {percentage}% · {value}/{total}{unit} · {rate} samples/s · ETA {remaining}',
          hideCursor: true,
          clearOnComplete: false,
          barsize: 30,
        },
        cliProgress.Presets.shades_classic,
      );
      this.#bar.start(total, p.done, payload);
      return;
    }
    this.#bar.setTotal(total);
    this.#bar.update(p.done, payload);
  }
}
