// Counts written in full (12,345, never 12.3k): people compare them with the SDK's exact numbers.
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });

export function formatCount(count: number): string {
  return whole.format(count);
}

/** A slider bound or histogram edge: short but exact enough to tell bins apart. */
export function formatValue(value: number): string {
  return Number.isInteger(value) ? whole.format(value) : decimal.format(value);
}
