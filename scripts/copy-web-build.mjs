// Copies the web build (packages/web/dist) into the server package (packages/server/dist/web), so an installed server serves it.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../packages/web/dist/', import.meta.url));
const to = fileURLToPath(new URL('../packages/server/dist/web/', import.meta.url));

if (!existsSync(`${from}index.html`)) {
  console.error(`copy-web-build: ${from} has no index.html; build the web app first (npm run build -w packages/web)`);
  process.exit(1);
}
// Replaced whole: files of an older build (other content hashes) must not ship.
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
