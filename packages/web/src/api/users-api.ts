// Team members (admin): paged search, one user, role change, removal.
import type { Role, User, UserPage } from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const usersApi = {
  list: (query: { search?: string; page?: number; pageSize?: number }) => http.get<UserPage>(PATHS.users, query),
  get: (user: string) => http.get<User>(fillPath(PATHS.user, { user })),
  setRole: (user: string, role: Role) => http.put<User>(fillPath(PATHS.userRole, { user }), { role }),
  delete: (user: string) => http.delete(fillPath(PATHS.user, { user })),
};
