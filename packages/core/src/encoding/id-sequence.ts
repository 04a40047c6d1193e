// Label ids for one write: newId's 24-hex shape (seconds, random, counter) without reading the clock and formatting it per label.
import { randomBytes } from 'node:crypto';

/**
 * A generator of 24-hex ids for one write (a batch can hold hundreds of thousands of labels): 8 hex of the
 * time it was made, 10 hex random to this generator, then a 6-hex counter. Ids stay unique across writes by
 * the random part; a write that uses up the counter draws a fresh random part.
 */
export function idSequence(): () => string {
  let prefix = '';
  let counter = 0;
  const refill = (): void => {
    prefix =
      Math.floor(Date.now() / 1000)
        .toString(16)
        .padStart(8, '0') + randomBytes(5).toString('hex');
    counter = 0;
  };
  refill();
  return () => {
    if (counter > 0xffffff) refill();
    const n = counter++;
    return prefix + (n < 0x100000 ? n.toString(16).padStart(6, '0') : n.toString(16));
  };
}
