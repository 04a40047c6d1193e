// The route table: every HTTP route of the API, one definition each, grouped by domain.
import { ACCOUNT_ROUTES, AUTH_ROUTES } from './account-routes.js';
import { FIELD_ROUTES, MEDIA_ROUTES, SAVED_VIEW_ROUTES, TAG_ROUTES } from './dataset-content-routes.js';
import { DATASET_PERMISSION_ROUTES, DATASET_ROUTES } from './dataset-routes.js';
import { GROUP_ROUTES } from './group-routes.js';
import { META_ROUTES, ORGANIZATION_ROUTES } from './organization-routes.js';
import type { RouteDefinition } from './route-definition.js';
import { SAMPLE_ROUTES } from './sample-routes.js';
import { KEY_INVENTORY_ROUTES, SERVICE_ACCOUNT_ROUTES } from './service-account-routes.js';
import { INVITATION_ROUTES, KEY_ROUTES, USER_ROUTES } from './user-routes.js';
import { VIEW_READ_ROUTES } from './view-read-routes.js';

export * from './account-routes.js';
export * from './dataset-content-routes.js';
export * from './dataset-routes.js';
export * from './group-routes.js';
export * from './organization-routes.js';
export * from './route-definition.js';
export * from './sample-routes.js';
export * from './service-account-routes.js';
export * from './user-routes.js';
export * from './view-read-routes.js';

/** Every route the server registers, for the tests that check it registers exactly these and probe each one's access. */
export const API_ROUTES: readonly RouteDefinition[] = [
  META_ROUTES,
  AUTH_ROUTES,
  ACCOUNT_ROUTES,
  USER_ROUTES,
  INVITATION_ROUTES,
  KEY_ROUTES,
  KEY_INVENTORY_ROUTES,
  SERVICE_ACCOUNT_ROUTES,
  ORGANIZATION_ROUTES,
  DATASET_ROUTES,
  DATASET_PERMISSION_ROUTES,
  GROUP_ROUTES,
  SAMPLE_ROUTES,
  VIEW_READ_ROUTES,
  TAG_ROUTES,
  FIELD_ROUTES,
  SAVED_VIEW_ROUTES,
  MEDIA_ROUTES,
].flatMap((domain): RouteDefinition[] => Object.values(domain));
