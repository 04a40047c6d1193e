// Password hashing with argon2id (OWASP parameters), and a dummy verify so unknown emails cost the same time.
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = {
  // 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of a real check, so sign-in timing does not tell which emails exist. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('teamset-dummy-password');
  await verifyPassword(await dummyHash, password);
}
