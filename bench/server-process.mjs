// Child process for the auth benchmark: a real Teamset server on a given database and port, quiet logs.
import { startServer } from '@teamset/server';

const [databaseUri, port] = process.argv.slice(2);
const server = await startServer({ databaseUri, port: Number(port), host: '127.0.0.1', logLevel: 'error' });
process.send?.({ ready: server.url });
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
