// The route table: every HTTP route of the API, one definition each, grouped by domain.
import type { RouteDefinition } from './route-definition.js';
import { SAMPLE_ROUTES } from './sample-routes.js';
import { VIEW_READ_ROUTES } from './view-read-routes.js';

export * from './route-definition.js';
export * from './sample-routes.js';
export * from './view-read-routes.js';

/** Every route, for the tests that check the server registers exactly these and probe each one's access. */
export const API_ROUTES: readonly RouteDefinition[] = [
  ...Object.values(SAMPLE_ROUTES),
  ...Object.values(VIEW_READ_ROUTES),
];
