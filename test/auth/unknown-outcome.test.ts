import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveOAuthConfig } from '../../src/auth/config.js';
import { requestToken } from '../../src/auth/token-endpoint.js';
import { createContext } from '../../src/core/context.js';
import { createHttpClient, isUnknownOutcome } from '../../src/http/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const STATUSES = [400, 401, 403, 404, 408, 409, 425, 429, 500, 501, 502, 503, 504, 520, 524, 599];

describe('one rule for an unknown outcome: the pipeline and the token endpoint agree', () => {
  it.each(STATUSES)('HTTP %i', async (status) => {
    server.use(
      http.post('https://api.outcome.test/write', () => HttpResponse.json({ error: 'server_error' }, { status })),
      http.post('https://auth.outcome.test/token', () => HttpResponse.json({ error: 'server_error' }, { status })),
    );
    const clock = new FakeClock();
    const client = createHttpClient({
      platform: 'p',
      baseUrl: 'https://api.outcome.test',
      context: createContext({ clock }),
      retry: false,
      breaker: false,
    });
    const error = await client.request({ operation: 'write', method: 'POST', path: '/write', json: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const pipelineUnknown = isUnknownOutcome(error);

    const config = resolveOAuthConfig({
      platform: 'p',
      clientId: 'c',
      tokenUrl: 'https://auth.outcome.test/token',
      requestTimeoutMs: 0,
    });
    const result = await requestToken(config, globalThis.fetch, clock, {
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
    });
    const tokenUnknown = result.kind === 'unavailable' && result.consumed !== 'no';

    expect(tokenUnknown).toBe(pipelineUnknown);
    expect(pipelineUnknown).toBe(status === 408 || status === 425 || status >= 500);
  });
});
