// Sample and label ids made on the client (FiftyOne's ObjectId shape: 24 hex), so a failed import knows what to undo.
import { randomBytes } from 'node:crypto';

/**
 * Returns a generator of ids: 8 hex of the time, 10 random, 6 of a counter, like a BSON ObjectId. The server
 * keeps ids given with a sample, and its unique index refuses a clash, so an import can delete exactly the
 * samples it added when a later batch fails.
 */
export function idFactory(): () => string {
  let prefix = '';
  let counter = 0;
  const reseed = () => {
    const seconds = Math.floor(Date.now() / 1000) >>> 0;
    prefix = seconds.toString(16).padStart(8, '0') + randomBytes(5).toString('hex');
    counter = randomBytes(3).readUIntBE(0, 3) & 0x7fffff;
  };
  reseed();
  return () => {
    if (counter > 0xffffff) reseed();
    return prefix + (counter++).toString(16).padStart(6, '0');
  };
}
