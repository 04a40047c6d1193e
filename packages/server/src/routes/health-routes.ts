// FiftyOne-compatible health check: `GET /health` → {"status":"available"}, no auth.
import { META_ROUTES } from '@teamset/contract';
import { publicRoute } from '../http/protected-route.js';
import type { TypedApp } from '../http/route-context.js';

export function registerHealthRoutes(app: TypedApp): void {
  publicRoute(app, META_ROUTES.health, async () => ({ status: 'available' as const }));
}
