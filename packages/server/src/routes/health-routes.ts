// FiftyOne-compatible health check: `GET /health` → {"status":"available"}, no auth.
import { Health, PATHS } from '@teamset/contract';
import type { TypedApp } from '../http/route-context.js';

export function registerHealthRoutes(app: TypedApp): void {
  app.get(
    PATHS.health,
    { schema: { tags: ['meta'], summary: 'Health check', response: { 200: Health } } },
    async () => ({ status: 'available' as const }),
  );
}
