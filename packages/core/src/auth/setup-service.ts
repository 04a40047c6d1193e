// First-run setup: creates the first admin, only while no user exists, only with the one-time token the server printed.
import type { User } from '@teamset/contract';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { conflict, unauthenticated } from '../errors/app-error.js';
import { constantTimeEqual, newToken, sha256Hex } from '../secrets.js';
import { validateNewUser, type UserService } from '../users/user-service.js';
import { hashPassword } from './passwords.js';

export class SetupService {
  private tokenHash: string | undefined;

  constructor(
    private readonly database: Database,
    private readonly users: UserService,
    private readonly audit: AuditLog,
  ) {}

  async needsSetup(): Promise<boolean> {
    return (await this.users.store.count()) === 0;
  }

  /** A fresh token for this process, or undefined when setup is already done. Only its digest is kept. */
  async issueToken(): Promise<string | undefined> {
    if (!(await this.needsSetup())) return undefined;
    const token = newToken(24);
    this.tokenHash = sha256Hex(token);
    return token;
  }

  async complete(input: {
    token: string;
    email: string;
    name: string;
    password: string;
    ip: string | null;
  }): Promise<User> {
    if (!this.tokenHash || !constantTimeEqual(sha256Hex(input.token), this.tokenHash)) {
      if (!(await this.needsSetup())) throw conflict('Setup is already complete; sign in instead');
      throw unauthenticated('Invalid setup token: use the one `teamset serve` printed when it started');
    }
    validateNewUser(input);
    const hash = await hashPassword(input.password);
    const user = await this.database.db.transaction().execute(async (trx) => {
      // Two setups at once (the same token twice, or two servers with their own tokens) must not both create
      // a first admin: the lock keeps the count below true until this transaction ends.
      await this.users.store.lockAgainstInserts(trx);
      // Checked inside the transaction so two racing setups cannot both create an admin.
      if ((await this.users.store.count(trx)) > 0) throw conflict('Setup is already complete; sign in instead');
      const created = await this.users.insertUser(trx, { email: input.email, name: input.name, role: 'ADMIN' }, hash);
      await this.audit.record(
        {
          action: 'auth.setup',
          actor: null,
          actorId: created.id,
          targetType: 'user',
          targetId: created.id,
          ip: input.ip,
          details: { email: created.email },
        },
        trx,
      );
      return created;
    });
    this.tokenHash = undefined;
    return user;
  }
}
