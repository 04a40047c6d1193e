// Failed-auth limits: failures per address, key prefix, (account, address) and account; a valid credential is never refused.
import { FailureCounter } from './failure-counter.js';
import { SerialGate } from './serial-gate.js';

export interface FailedAuthLimiterOptions {
  /** Failures allowed per window from one address, for one key prefix, and for one account from one address. */
  maxFailures: number;
  windowMs: number;
  /** Password failures allowed per window for one account from all addresses together (default 5 × maxFailures). */
  maxAccountFailures?: number;
}

/** What a lockout holds back: bad credentials from an address, bad keys with a prefix, or password checks of an account. */
export type LockoutScope = 'address' | 'key_prefix' | 'account_address' | 'account';

export interface Lockout {
  scope: LockoutScope;
  /** The address, the key's display prefix, or the account's email. */
  subject: string;
  /** The client whose failure started the lockout. */
  address: string;
  untilMs: number;
  windowMs: number;
}

/** Told once per lockout, when it starts; the limiter waits for it, so a lockout is on record before it is answered. */
export type LockoutListener = (lockout: Lockout) => Promise<void>;

export const ACCOUNT_BUDGET_FACTOR = 5;
/** Password checks that may wait behind the one running for an address over its budget; more are answered 429. */
export const SPENT_ADDRESS_QUEUE = 8;

export class FailedAuthLimiter {
  private readonly addresses: FailureCounter;
  private readonly keyPrefixes: FailureCounter;
  private readonly accountAddresses: FailureCounter;
  private readonly accounts: FailureCounter;
  /**
   * Password checks from an address that has spent its budget run one at a time. Its failures do not block
   * other accounts (a colleague behind the same NAT still signs in), but without this one address could make
   * the server run argon2 for every made-up email it sends, as fast as it likes.
   */
  readonly spentAddressChecks = new SerialGate(SPENT_ADDRESS_QUEUE);

  constructor(
    options: FailedAuthLimiterOptions,
    private readonly onLockout: LockoutListener = async () => undefined,
  ) {
    const window = { maxFailures: options.maxFailures, windowMs: options.windowMs };
    this.addresses = new FailureCounter(window);
    this.keyPrefixes = new FailureCounter(window);
    this.accountAddresses = new FailureCounter(window);
    this.accounts = new FailureCounter({
      maxFailures: options.maxAccountFailures ?? ACCOUNT_BUDGET_FACTOR * options.maxFailures,
      windowMs: options.windowMs,
    });
  }

  /**
   * A key, session cookie or token was checked and is bad. Returns the seconds the client should wait
   * (answer 429) when its address or the key's prefix had already spent its budget; 0 means answer as usual.
   */
  async credentialFailed(address: string, keyPrefix: string | undefined, nowMs = Date.now()): Promise<number> {
    let wait = this.addresses.retryAfterSeconds(address, nowMs);
    if (keyPrefix !== undefined) wait = Math.max(wait, this.keyPrefixes.retryAfterSeconds(keyPrefix, nowMs));
    const started: Lockout[] = [];
    this.count(this.addresses, address, { scope: 'address', subject: address, address }, nowMs, started);
    if (keyPrefix !== undefined)
      this.count(this.keyPrefixes, keyPrefix, { scope: 'key_prefix', subject: keyPrefix, address }, nowMs, started);
    await this.announce(started);
    return wait;
  }

  /**
   * Asked before a password is checked: seconds to wait when the account has spent its budget from this
   * address or from everywhere; 0 means check it. The address's other failures do not count here, so one
   * person's typos cannot keep a colleague behind the same NAT from signing in.
   */
  passwordRetryAfter(account: string, address: string, nowMs = Date.now()): number {
    return Math.max(
      this.accountAddresses.retryAfterSeconds(accountAtAddress(account, address), nowMs),
      this.accounts.retryAfterSeconds(account, nowMs),
    );
  }

  /** Seconds until the address may fail again; 0 while it has failures to spare. */
  addressRetryAfter(address: string, nowMs = Date.now()): number {
    return this.addresses.retryAfterSeconds(address, nowMs);
  }

  /** A checked password was wrong: counted for the account here and everywhere, and for the address. Returns as credentialFailed. */
  async passwordFailed(account: string, address: string, nowMs = Date.now()): Promise<number> {
    const wait = this.addresses.retryAfterSeconds(address, nowMs);
    const started: Lockout[] = [];
    this.count(this.addresses, address, { scope: 'address', subject: address, address }, nowMs, started);
    this.count(
      this.accountAddresses,
      accountAtAddress(account, address),
      { scope: 'account_address', subject: account, address },
      nowMs,
      started,
    );
    this.count(this.accounts, account, { scope: 'account', subject: account, address }, nowMs, started);
    await this.announce(started);
    return wait;
  }

  /** The right password: that person's typos from here are forgiven (the account-wide count stays, it is what a spread-out guesser fills). */
  passwordSucceeded(account: string, address: string): void {
    this.accountAddresses.clear(accountAtAddress(account, address));
  }

  /** Counts a failure under `key`; collects the lockout it starts, if any. */
  private count(
    counter: FailureCounter,
    key: string,
    what: Pick<Lockout, 'scope' | 'subject' | 'address'>,
    nowMs: number,
    started: Lockout[],
  ): void {
    const untilMs = counter.add(key, nowMs);
    if (untilMs !== undefined) started.push({ ...what, untilMs, windowMs: counter.budget.windowMs });
  }

  private async announce(started: Lockout[]): Promise<void> {
    for (const lockout of started) await this.onLockout(lockout);
  }
}

/** Emails and addresses contain no newline, so the pair cannot collide with another pair. */
function accountAtAddress(account: string, address: string): string {
  return `${account}\n${address}`;
}
