import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { createHttpClient, isRetrySafe } from '../../src/http/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

describe('retry safety', () => {
  it('treats PUT and DELETE as repeatable unless the request says idempotent: false', () => {
    expect(isRetrySafe('PUT', {})).toBe(true);
    expect(isRetrySafe('PUT', { idempotent: false })).toBe(false);
    expect(isRetrySafe('DELETE', { idempotent: false, idempotencyKey: 'k' })).toBe(true);
    expect(isRetrySafe('POST', { idempotent: true })).toBe(true);
  });

  it('sends a PUT marked idempotent: false once after a lost answer, but retries it when throttled', async () => {
    let calls = 0;
    const answers = [
      () => new Response('{"title":"busy"}', { status: 429, headers: { 'retry-after': '0' } }),
      () => {
        throw new TypeError('connection reset');
      },
    ];
    const clock = new FakeClock();
    const client = createHttpClient({
      platform: 'test',
      baseUrl: 'https://api.test',
      context: createContext({ clock, fetch: async () => answers[calls++]!() }),
      retry: { limit: 3, baseMs: 1, capMs: 1 },
      timeoutMs: 0,
    });
    const sent = client.request({ operation: 'put', method: 'PUT', path: '/x', json: { a: 1 }, idempotent: false });
    const outcome = sent.then(
      () => 'ok',
      (error: { code: string }) => error.code,
    );
    for (let i = 0; i < 20; i++) await clock.advance(10);
    expect(await outcome).toBe('marketplace_api_error');
    expect(calls).toBe(2);
  });
});
