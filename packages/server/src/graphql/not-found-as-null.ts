// FiftyOne's lookups answer null for "no such thing" (user(id:), dataset(identifier:), userGroup(identifier:)), never an error.
import { isAppError } from '@teamset/core';

/** The value, or null when the lookup failed with NOT_FOUND; any other failure stays an error. */
export async function nullIfNotFound<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
