// MongoDB Extended JSON (what FiftyOne's exporter writes through bson.json_util) to plain JSON values and back.
import type { ProblemLog } from '../problem-log.js';
import { isPlainObject } from '../text-checks.js';

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/** `{"$oid": "…"}` (or a bare 24-hex string) → lower-case hex; undefined for anything else. */
export function objectIdOf(value: unknown): string | undefined {
  const hex = isPlainObject(value) && typeof value.$oid === 'string' ? value.$oid : value;
  return typeof hex === 'string' && OBJECT_ID.test(hex) ? hex.toLowerCase() : undefined;
}

export function toObjectId(hex: string): { $oid: string } {
  return { $oid: hex };
}

export function toDate(iso: string): { $date: string } {
  return { $date: iso };
}

/** A `$date` payload (ISO string, milliseconds, or `{"$numberLong": "…"}`) → ISO string. */
function dateOf(value: unknown): string | undefined {
  const ms = isPlainObject(value) && typeof value.$numberLong === 'string' ? Number(value.$numberLong) : value;
  if (typeof ms === 'number' && Number.isFinite(ms)) return new Date(ms).toISOString();
  if (typeof ms === 'string' && !Number.isNaN(Date.parse(ms))) return new Date(ms).toISOString();
  return undefined;
}

/**
 * Plain JSON for a value read from FiftyOne: ObjectIds and dates become strings, wrapped numbers numbers.
 * Values JSON cannot hold are reported once each and become null (NaN, ±Infinity) or are left out (binary
 * data such as masks, regular expressions): `undefined` means "drop this member".
 */
export function fromExtendedJson(value: unknown, where: string, problems: ProblemLog): unknown {
  if (Array.isArray(value)) return value.map((item) => fromExtendedJson(item, where, problems) ?? null);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 || (keys.length === 2 && '$binary' in value)) {
    const key = keys[0] as string;
    const inner = value[key];
    switch (key) {
      case '$oid':
        return objectIdOf(value) ?? inner;
      case '$date':
        return dateOf(inner) ?? null;
      case '$numberInt':
      case '$numberLong':
      case '$numberDecimal':
      case '$numberDouble': {
        const n = Number(inner);
        if (Number.isFinite(n)) return n;
        problems.warnOnce(
          `nan:${where.replace(/\[\d+\]/g, '[]')}`,
          `${where}: ${String(inner)} cannot be stored in JSON; kept as null`,
        );
        return null;
      }
      case '$binary':
      case '$regularExpression':
      case '$code':
      case '$timestamp':
        problems.warnOnce(
          `bson:${where.replace(/\[\d+\]/g, '[]')}:${key}`,
          `${where}: ${key.slice(1)} values are not imported`,
        );
        return undefined;
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const converted = fromExtendedJson(value[key], where, problems);
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}
