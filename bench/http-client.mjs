// Bench helper: one HTTP request over a keep-alive agent, answering status and body text (no retries, no redirects).
import { Agent, request } from 'node:http';

/** A keep-alive agent; `localAddress` picks the loopback address requests come from (127.0.0.0/8 all reach the server). */
export function keepAliveAgent(options = {}) {
  return new Agent({ keepAlive: true, maxSockets: 256, ...options });
}

/** `{ status, text }` of one request; `json` is sent as the body with its content type. */
export function send(url, { method = 'GET', headers = {}, json, agent } = {}) {
  const body = json === undefined ? undefined : JSON.stringify(json);
  const allHeaders =
    body === undefined
      ? headers
      : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: allHeaders, agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.once('end', () =>
        resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}
