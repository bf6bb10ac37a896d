import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import {
  BASE,
  caught,
  DECLARED,
  expectNoCanary,
  leakyClient,
  surfaces,
  UNDECLARED,
} from '../helpers/secret-canaries.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('header values that Headers would refuse', () => {
  it.each([
    ['CR/LF', `${DECLARED}\r\nx-injected: 1`],
    ['LF', `${DECLARED}\nx-injected: 1`],
    ['NUL', `${DECLARED}\u0000`],
    ['non-Latin-1', `${DECLARED}✓`],
  ])('a declared secret containing %s gives a redacted ValidationError, and nothing is sent', async (_, secret) => {
    let sent = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        sent++;
        return HttpResponse.json({});
      }),
    );
    const { client, observed } = leakyClient({ headers: { 'x-api-key': secret }, secrets: [secret] });
    const error = await caught(client.request({ operation: 'ping', method: 'GET', path: '/x' }));
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expect((error as { issues: { path: unknown[] }[] }).issues.map((issue) => issue.path)).toEqual([
      ['headers', 'x-api-key'],
    ]);
    expect(sent).toBe(0);
    expectNoCanary(surfaces(error, observed), [DECLARED, secret]);
  });

  it('surrounding whitespace, such as the newline of a secret read from a file, is dropped as Headers does', async () => {
    let seen: string | null = null;
    server.use(
      http.get(`${BASE}/x`, ({ request }) => {
        seen = request.headers.get('x-api-key');
        return HttpResponse.json({});
      }),
    );
    const { client } = leakyClient({ headers: { 'x-api-key': `${DECLARED}\n` } });
    await client.request({ operation: 'ping', method: 'GET', path: '/x' });
    expect(seen).toBe(DECLARED);
  });

  it('a per-request header with a line break is refused the same way, naming the header', async () => {
    const { client, observed } = leakyClient();
    const error = await caught(
      client.request({
        operation: 'ping',
        method: 'GET',
        path: '/x',
        headers: { 'x-signature': `${UNDECLARED}\r\nx-injected: 1` },
      }),
    );
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expect((error as Error).message).toContain('x-signature');
    expectNoCanary(surfaces(error, observed), [UNDECLARED]);
  });

  it('an auth hook whose token has a line break gives an AuthError without the token', async () => {
    const token = `${DECLARED}\r\nx-injected: 1`;
    const { client, observed } = leakyClient({
      secrets: [],
      auth: {
        authorize: (request) => void request.headers.set('authorization', `Bearer ${token}`),
        secrets: () => [token],
      },
    });
    const error = await caught(client.request({ operation: 'ping', method: 'GET', path: '/x' }));
    expect(isMarketbridgeError(error, 'auth_failed')).toBe(true);
    expectNoCanary(surfaces(error, observed), [DECLARED]);
  });

  it('an absolute path that is not a URL gives a ValidationError without the URL', async () => {
    const { client, observed } = leakyClient();
    const error = await caught(
      client.request({ operation: 'next', method: 'GET', path: `http://[bad?access_token=${UNDECLARED}` }),
    );
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expectNoCanary(surfaces(error, observed), [UNDECLARED]);
  });
});
