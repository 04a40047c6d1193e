// Ids: 24 hex characters, time-ordered like a BSON ObjectId (FiftyOne's id shape), random enough to be unguessable-ish.
import { randomBytes } from 'node:crypto';

let counter = randomBytes(3).readUIntBE(0, 3);
const processRandom = randomBytes(5).toString('hex');

export function newId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  counter = (counter + 1) % 0xffffff;
  return seconds + processRandom + counter.toString(16).padStart(6, '0');
}

export const ID_PATTERN = /^[0-9a-f]{24}$/;

export function looksLikeId(text: string): boolean {
  return ID_PATTERN.test(text);
}
