import { describe, expect, it } from 'vitest';
import type { AuthHook } from '../../src/core/auth-hook.js';
import { createContext } from '../../src/core/context.js';
import { EventBus, type MarketbridgeEvents } from '../../src/core/events.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { createHttpClient, headerFeedback, type HttpClientOptions } from '../../src/http/index.js';
import { amazonHeaderFeedback } from '../../src/connectors/amazon/header-feedback.js';
import { amazonClassifier } from '../../src/connectors/amazon/classify.js';
import { shopifyCallLimitFeedback } from '../../src/connectors/shopify/header-feedback.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { createPipelineSimulator, type PipelineSimulatorOptions } from '../../src/testing/pipeline/index.js';
import { countingFetch, drive } from './helpers.js';

function setup(sim: Omit<PipelineSimulatorOptions, 'clock'>, options: Partial<HttpClientOptions> = {}) {
  const clock = new FakeClock();
  const events = new EventBus();
  const simulator = createPipelineSimulator({ clock, ...sim });
  const wire = countingFetch(simulator.fetch);
  const context = createContext({ clock, events, fetch: wire.fetch, tenantId: 'shop-1' });
  const client = createHttpClient({
    platform: 'p',
    baseUrl: 'https://p.test/api',
    context,
    retry: { random: () => 0 },
    ...options,
  });
  return { clock, events, simulator, client, wire, context };
}

describe('timeouts and cancellation', () => {
  it('a hung attempt times out with TimeoutError and a GET is retried', async () => {
    const { clock, simulator, client } = setup({ faults: [{ kind: 'timeout', at: [0] }] }, { timeoutMs: 2000 });
    const response = await drive(clock, () => client.request({ operation: 'get', method: 'GET', path: 'x' }));
    expect(response.attempts).toBe(2);
    expect(simulator.log.map((e) => e.outcome)).toEqual(['timeout', 'ok']);
    const { clock: c2, client: post } = setup({ faults: [{ kind: 'timeout', every: 1 }] }, { timeoutMs: 2000 });
    const error = await drive(c2, () =>
      post.request({ operation: 'create', method: 'POST', path: 'x', json: {} }),
    ).catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'timeout')).toBe(true);
  });

  it('aborting stops the limiter wait, the backoff and the send, with the signal reason', async () => {
    const reason = new Error('user cancelled');
    // While waiting for budget.
    const limited = setup({}, { limits: { default: { kind: 'token-bucket', ratePerSecond: 0.01, burst: 1 } } });
    await drive(
      limited.clock,
      () => limited.client.request({ operation: 'a', method: 'GET', path: 'x' }),
      limited.wire.busy,
    );
    const controller = new AbortController();
    const waiting = limited.client.request({ operation: 'a', method: 'GET', path: 'x', signal: controller.signal });
    await limited.clock.advance(10);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(limited.simulator.stats().received).toBe(1);

    // During the backoff between attempts.
    const backoff = setup({ faults: [{ kind: 'server-error', every: 1 }] });
    const c2 = new AbortController();
    backoff.events.on('retry', () => c2.abort(reason));
    await expect(
      drive(backoff.clock, () =>
        backoff.client.request({ operation: 'a', method: 'GET', path: 'x', signal: c2.signal }),
      ),
    ).rejects.toBe(reason);
    expect(backoff.simulator.stats().received).toBe(1);

    // On the wire.
    const wire = setup({ faults: [{ kind: 'timeout', every: 1 }] }, { timeoutMs: 0 });
    const c3 = new AbortController();
    const sent = wire.client.request({ operation: 'a', method: 'GET', path: 'x', signal: c3.signal });
    wire.events.on('request', () => {});
    await new Promise((r) => setTimeout(r, 5));
    c3.abort(reason);
    await expect(sent).rejects.toBe(reason);
  });
});

describe('auth stage', () => {
  it('authorises every attempt, refreshes once on 401, and redacts tokens everywhere', async () => {
    let token = 'tok_old_12345';
    const refreshed: string[] = [];
    const auth: AuthHook = {
      authorize: (request) => {
        request.headers.set('x-access-token', token);
      },
      onUnauthorized: () => {
        refreshed.push(token);
        token = 'tok_new_67890';
        return true;
      },
      secrets: () => [token, 'tok_old_12345'],
    };
    const seen: string[] = [];
    const { clock, client, events } = setup(
      {
        respond: ({ request }) => {
          const t = request.headers.get('x-access-token')!;
          seen.push(t);
          return t === 'tok_new_67890'
            ? { ok: true }
            : new Response('{"error":"expired tok_old_12345"}', { status: 401 });
        },
      },
      { auth },
    );
    const emitted: unknown[] = [];
    for (const name of ['request', 'response', 'retry'] as const)
      events.on(name, (e: MarketbridgeEvents[typeof name]) => emitted.push(e));
    const response = await drive(clock, () =>
      client.request({ operation: 'get', method: 'GET', path: 'x', query: { token: 'tok_new_67890' } }),
    );
    expect(response.attempts).toBe(2);
    expect(seen).toEqual(['tok_old_12345', 'tok_new_67890']);
    expect(refreshed).toHaveLength(1);
    expect(JSON.stringify(emitted)).not.toMatch(/tok_(old|new)/);

    // A second 401 after the refresh is final: AuthError, token redacted.
    const { clock: c2, client: c } = setup(
      { respond: () => new Response('{"error":"expired tok_old_12345"}', { status: 401 }) },
      { auth },
    );
    const error = await drive(c2, () => c.request({ operation: 'get', method: 'GET', path: 'x' })).catch(
      (e: unknown) => e,
    );
    expect(isMarketbridgeError(error, 'auth_failed')).toBe(true);
    expect(JSON.stringify((error as { toJSON(): unknown }).toJSON())).not.toMatch(/tok_(old|new)/);
  });
});

describe('limiter feedback', () => {
  it('Retry-After pauses the whole bucket, so the next request waits instead of being throttled', async () => {
    const { clock, simulator, client, events, wire } = setup(
      { faults: [{ kind: 'throttle', at: [0] }] },
      { limits: { default: { kind: 'token-bucket', ratePerSecond: 100, burst: 100 } } },
    );
    const throttled: MarketbridgeEvents['throttled'][] = [];
    events.on('throttled', (e) => throttled.push(e));
    const first = await drive(clock, () => client.request({ operation: 'a', method: 'GET', path: 'x' }), wire.busy);
    expect(first.attempts).toBe(2);
    expect(simulator.log[1]!.at - simulator.log[0]!.at).toBe(1000);
    expect(throttled.some((e) => e.source === 'server')).toBe(true);
  });

  it('reads the rate-limit headers every platform means the same by, and leaves platform headers to their connectors', () => {
    const now = 0;
    expect(headerFeedback(new Headers({ 'x-ratelimit-remaining': '3', 'retry-after': '2' }), now)).toEqual({
      available: 3,
      pauseMs: 2000,
    });
    expect(headerFeedback(new Headers({ 'retry-after': 'garbage' }), now)).toEqual({});
    expect(
      headerFeedback(
        new Headers({ 'x-shopify-shop-api-call-limit': '32/40', 'x-amzn-ratelimit-limit': '0.0167' }),
        now,
      ),
    ).toEqual({});
    expect(shopifyCallLimitFeedback(new Headers({ 'x-shopify-shop-api-call-limit': '32/40' }))).toEqual({
      available: 8,
      capacity: 40,
    });
    expect(shopifyCallLimitFeedback(new Headers({ 'x-shopify-shop-api-call-limit': '3/0' }))).toEqual({});
    expect(amazonHeaderFeedback(new Headers({ 'x-amzn-ratelimit-limit': '0.0167' }))).toEqual({
      refillPerSecond: 0.0167,
    });
    expect(amazonHeaderFeedback(new Headers({ 'x-amzn-ratelimit-limit': 'x' }))).toEqual({});
  });

  it("feeds a platform's own headers through its classifier", async () => {
    const rateAfterOneCall = async (options: Partial<HttpClientOptions>) => {
      const { clock, client, wire } = setup(
        {
          limitHeaders: 'amazon',
          limit: { kind: 'token-bucket', ratePerSecond: 0.5, burst: 1 },
          respond: () => ({ ok: true }),
        },
        { limits: { default: { kind: 'token-bucket', ratePerSecond: 10, burst: 1 } }, ...options },
      );
      await drive(clock, () => client.request({ operation: 'a', method: 'GET', path: 'x' }), wire.busy);
      const [, state] = Object.entries(client.limiter!.toJSON()).find(([key]) => key.endsWith(':a'))!;
      return state.kind === 'bucket' ? state.refillPerSecond : undefined;
    };
    expect(await rateAfterOneCall({})).toBe(10);
    expect(await rateAfterOneCall({ classify: amazonClassifier })).toBe(0.5);
  });

  it('adopts a lower budget reported by Shopify REST headers', async () => {
    const spec = { kind: 'leaky-bucket' as const, capacity: 40, leakPerSecond: 2 };
    // The server's bucket is shared with another app that already used 38 of 40.
    const classify = ({ headers }: { headers: Headers }) => ({
      kind: 'ok' as const,
      feedback: shopifyCallLimitFeedback(headers),
    });
    const { clock, simulator, client, wire } = setup(
      { limit: spec, limitHeaders: 'shopify-rest', respond: () => ({ ok: true }) },
      { limits: { default: spec, maxConcurrent: 1 }, retry: false, classify },
    );
    await drive(clock, async () => {
      for (let i = 0; i < 38; i++) await simulator.handle(new Request('https://p.test/api/x'));
    });
    const results = await drive(
      clock,
      () => Promise.all(Array.from({ length: 6 }, () => client.request({ operation: 'a', method: 'GET', path: 'x' }))),
      wire.busy,
    );
    expect(results).toHaveLength(6);
    expect(simulator.stats().throttled).toBe(0);
  });
});

describe('events', () => {
  it('emits request and response with timings for every attempt', async () => {
    const { clock, client, events } = setup({ latencyMs: 25, faults: [{ kind: 'server-error', at: [0] }] });
    const log: string[] = [];
    events.on('request', (e) => log.push(`request:${e.attempt}:${e.url}`));
    events.on('response', (e) => log.push(`response:${e.attempt}:${e.status}:${e.durationMs}`));
    events.on('retry', (e) => log.push(`retry:${e.attempt}:${e.delayMs}`));
    const response = await drive(clock, () => client.request({ operation: 'get', method: 'GET', path: 'x' }));
    expect(log).toEqual([
      'request:1:https://p.test/api/x',
      'response:1:503:25',
      'retry:2:200',
      'request:2:https://p.test/api/x',
      'response:2:200:25',
    ]);
    expect(response.durationMs).toBe(250);
  });

  it('rejects bad options and requests with every problem at once', async () => {
    const context = createContext();
    expect(() => createHttpClient({ platform: '', baseUrl: 'nope', context, timeoutMs: -1 })).toThrow(/3 problems/);
    const client = createHttpClient({ platform: 'p', baseUrl: 'https://p.test', context });
    await expect(client.request({ operation: '', method: 'GO' as 'GET', path: 'x', cost: -1 })).rejects.toThrow(
      /3 problems/,
    );
  });
});
