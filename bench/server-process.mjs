// Child process for the auth benchmark: the real Teamset app on a given database and port, quiet logs,
// plus one control route that answers whoami's body without authentication, to isolate the key check's cost.
import { UNSCOPED_KEY, WhoAmI } from '@teamset/contract';
import { createServices, SYSTEM_ACTOR } from '@teamset/core';
import { buildApp } from '@teamset/server';

const [databaseUri, port, email] = process.argv.slice(2);
const services = await createServices({ databaseUri });
const app = await buildApp({ services, logLevel: 'error' });
const user = await services.users.get(SYSTEM_ACTOR, email);
const body = {
  user,
  authMethod: 'api_key',
  apiKeyId: (await services.keys.list(SYSTEM_ACTOR, { user: email }))[0]?.id ?? null,
  apiKeyScope: UNSCOPED_KEY,
};
app.get('/bench/control', { schema: { response: { 200: WhoAmI } } }, (_request, reply) => {
  reply.send(body);
});
await app.listen({ host: '127.0.0.1', port: Number(port) });
process.send?.({ ready: `http://127.0.0.1:${port}` });
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => services.close())
      .then(() => process.exit(0)),
);
