// Your own account: display name and password.
import type { ChangePasswordBody, PasswordChanged, UpdateAccountBody, User } from '@teamset/contract';
import { http } from './http';
import { PATHS } from '@teamset/contract/constants';

export const accountApi = {
  update: (body: UpdateAccountBody) => http.patch<User>(PATHS.account, body),
  changePassword: (body: ChangePasswordBody) => http.post<PasswordChanged>(PATHS.accountPassword, body),
};
