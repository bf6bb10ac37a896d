import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { createRedactor } from '../../src/core/errors/redact.js';
import { BASE, caught, leakyClient, surfaces } from '../helpers/secret-canaries.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Every run of base64 characters, decoded at each alignment: can `secret` be read back? */
function recoverable(text: string, secret: string): boolean {
  for (const run of text.match(/[A-Za-z0-9+/_-]{4,}/g) ?? []) {
    const standard = run.replace(/-/g, '+').replace(/_/g, '/');
    for (let offset = 0; offset < 4; offset++) {
      const slice = standard.slice(offset, offset + Math.floor((standard.length - offset) / 4) * 4);
      const decoded = Buffer.from(slice, 'base64').toString('latin1');
      // Any 6 consecutive characters of the secret count as a leak.
      for (let i = 0; i + 6 <= secret.length; i++) if (decoded.includes(secret.slice(i, i + 6))) return true;
    }
  }
  return false;
}

describe('encoded forms of a secret in error bodies', () => {
  const SECRET = 'canary-Zq9/xW7.s3cr3t~4';
  const basic = (id: string, secret: string, urlSafe: boolean) => {
    const encoded = Buffer.from(`${id}:${secret}`).toString(urlSafe ? 'base64url' : 'base64');
    return `Basic ${encoded}`;
  };

  it.each(['', 'a', 'ab', 'abc', 'app-1', 'amzn1.application-oa2-client.0123'])(
    'Basic base64(%j:secret) echoed in a text body is not readable from MarketplaceApiError.body',
    async (clientId) => {
      for (const [secret, urlSafe] of [
        [SECRET, false],
        [SECRET, true],
        [encodeURIComponent(SECRET), false],
      ] as const) {
        const echo = `invalid client credentials in header "${basic(clientId, secret, urlSafe)}"`;
        expect(recoverable(echo, SECRET)).toBe(true);
        server.use(
          http.post(
            `${BASE}/token`,
            () => new HttpResponse(echo, { status: 400, headers: { 'content-type': 'text/plain' } }),
          ),
          http.post(`${BASE}/json`, () =>
            HttpResponse.json({ error: 'invalid_client', echoed: basic(clientId, secret, urlSafe) }, { status: 400 }),
          ),
        );
        const { client, observed } = leakyClient({ secrets: [SECRET] });
        for (const path of ['/token', '/json']) {
          const error = await caught(
            client.request({
              operation: 'token',
              method: 'POST',
              path,
              body: 'grant_type=client_credentials',
              responseType: 'text',
            }),
          );
          expect(isMarketbridgeError(error)).toBe(true);
          const body = JSON.stringify((error as { body?: unknown }).body);
          expect(body).toContain('[REDACTED]');
          for (const text of [body, ...surfaces(error, observed)])
            expect(recoverable(text, SECRET) ? text : '').toBe('');
        }
      }
    },
  );

  it('base64 and base64url of the secret on its own are redacted, padded or not', async () => {
    const redactor = createRedactor({ secrets: [SECRET] });
    for (const form of [Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('base64url')]) {
      expect(recoverable(redactor.text(`token ${form} rejected`), SECRET)).toBe(false);
    }
    // Short values and ordinary words are left alone.
    expect(redactor.text('Basic realm="api", error=invalid_client')).toBe('Basic realm="api", error=invalid_client');
  });
});
