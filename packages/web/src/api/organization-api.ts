// Organization settings (admin): default role for new users, default access for new datasets.
import type { OrganizationSettings, UpdateOrganizationSettingsBody } from '@teamset/contract';
import { http } from './http';
import { PATHS } from '@teamset/contract/constants';

export const organizationApi = {
  get: () => http.get<OrganizationSettings>(PATHS.organizationSettings),
  update: (body: UpdateOrganizationSettingsBody) => http.patch<OrganizationSettings>(PATHS.organizationSettings, body),
};
