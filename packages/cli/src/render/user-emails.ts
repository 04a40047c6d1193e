// User ids → emails for tables, looked up once per id.
import type { AdminBackend } from '../backends/admin-backend.js';

export async function userEmails(backend: AdminBackend, userIds: Iterable<string>): Promise<Map<string, string>> {
  const emails = new Map<string, string>();
  await Promise.all(
    [...new Set(userIds)].map(async (id) => {
      const email = await backend.userEmail(id);
      if (email !== undefined) emails.set(id, email);
    }),
  );
  return emails;
}
