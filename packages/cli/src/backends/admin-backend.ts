// The user and key administration the CLI needs, independent of whether it runs over the API or on the database.
import type { ApiKey, CreatedApiKey, Role, User, UserPage } from '@teamset/contract';

export interface NewUser {
  email: string;
  name: string;
  role?: Role;
  password?: string;
}

export interface NewKey {
  name: string;
  /** Id or email; absent means the caller (API connection only). */
  user?: string;
  expiresInSeconds?: number;
}

export interface AdminBackend {
  readonly kind: 'api' | 'database';
  createUser(input: NewUser): Promise<User>;
  listUsers(query: { search?: string; page?: number; pageSize?: number }): Promise<UserPage>;
  deleteUser(user: string): Promise<void>;
  setUserRole(user: string, role: Role): Promise<User>;
  generateKey(input: NewKey): Promise<CreatedApiKey>;
  listKeys(user?: string): Promise<ApiKey[]>;
  deleteKey(keyId: string): Promise<void>;
}
