import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { EventBus } from '../../src/core/events.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { createHttpClient, problemJsonClassifier, composeClassifiers } from '../../src/http/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { countingFetch, drive } from './helpers.js';
import { shopifyGraphqlClassifier } from '../../src/connectors/shopify/index.js';
import { amazonClassifier } from '../../src/connectors/amazon/index.js';

const BASE = 'https://api.example.test/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  const clock = new FakeClock();
  const events = new EventBus();
  const wire = countingFetch();
  const context = createContext({ clock, events, tenantId: 't1', fetch: wire.fetch });
  const run = <T>(work: () => Promise<T>) => drive(clock, work, wire.busy);
  const client = createHttpClient({ platform: 'test', baseUrl: BASE, context, retry: { random: () => 0.5 }, ...extra });
  return { clock, events, client, context, run };
}

describe('HttpClient', () => {
  it('joins paths to the base URL, sends query and JSON, and parses the body', async () => {
    let seen: { url: string; body: unknown; ct: string | null } | undefined;
    server.use(
      http.post(`${BASE}/items`, async ({ request }) => {
        seen = { url: request.url, body: await request.json(), ct: request.headers.get('content-type') };
        return HttpResponse.json({ id: 7 }, { status: 201 });
      }),
    );
    const { client, run } = setup();
    const response = await run(() =>
      client.request<{ id: number }>({
        operation: 'create',
        method: 'POST',
        path: '/items',
        query: { a: [1, 2], b: undefined, c: true },
        json: { x: 1 },
      }),
    );
    expect(response.status).toBe(201);
    expect(response.data.id).toBe(7);
    expect(response.attempts).toBe(1);
    expect(seen).toEqual({ url: `${BASE}/items?a=1&a=2&c=true`, body: { x: 1 }, ct: 'application/json' });
  });

  it('retries a GET on 503 with backoff and emits retry events', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () =>
        ++calls < 3 ? new HttpResponse('no', { status: 503 }) : HttpResponse.json({ ok: true }),
      ),
    );
    const { client, run, events } = setup();
    const retries: number[] = [];
    events.on('retry', (e) => retries.push(e.delayMs));
    const response = await run(() => client.request({ operation: 'get', method: 'GET', path: 'x' }));
    expect(response.attempts).toBe(3);
    expect(retries).toHaveLength(2);
    for (const delay of retries) expect(delay).toBeGreaterThanOrEqual(200);
  });

  it('sends a POST without key once on 503 and throws a redacted MarketplaceApiError', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/x`, () => {
        calls++;
        return HttpResponse.json({ error: 'down', token: 'abc' }, { status: 503 });
      }),
    );
    const { client, run } = setup({ headers: { authorization: 'Bearer sekret-value' }, secrets: ['sekret-value'] });
    const error = await run(() =>
      client.request({ operation: 'create', method: 'POST', path: 'x', json: { password: 'p' } }),
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(isMarketbridgeError(error, 'marketplace_api_error')).toBe(true);
    const text = JSON.stringify((error as { toJSON(): unknown }).toJSON());
    expect(text).not.toContain('sekret-value');
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('down');
  });

  it('retries Shopify THROTTLED answers that arrive with HTTP 200', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/graphql.json`, () =>
        ++calls === 1
          ? HttpResponse.json({
              errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
              extensions: {
                cost: {
                  requestedQueryCost: 50,
                  actualQueryCost: null,
                  throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 10, restoreRate: 100 },
                },
              },
            })
          : HttpResponse.json({ data: { shop: { name: 'x' } } }),
      ),
    );
    const { client, run, events } = setup({ classify: shopifyGraphqlClassifier });
    const throttled: string[] = [];
    events.on('throttled', (e) => throttled.push(e.source));
    const response = await run(() =>
      client.request({ operation: 'graphql', method: 'POST', path: 'graphql.json', json: { query: '{shop{name}}' } }),
    );
    expect(response.attempts).toBe(2);
    expect(throttled).toContain('server');
  });

  it('maps QuotaExceeded, 404 and problem+json to typed errors', async () => {
    server.use(
      http.get(`${BASE}/quota`, () =>
        HttpResponse.json({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota' }] }, { status: 429 }),
      ),
      http.get(`${BASE}/missing`, () => new HttpResponse(null, { status: 404 })),
      http.get(`${BASE}/problem`, () =>
        HttpResponse.json(
          { title: 'Bad offer', status: 400, violations: [{ name: 'price' }] },
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const { client, run } = setup({
      retry: false,
      classify: composeClassifiers(amazonClassifier, problemJsonClassifier),
    });
    const q = await run(() => client.request({ operation: 'q', method: 'GET', path: 'quota' })).catch(
      (e: unknown) => e,
    );
    expect(isMarketbridgeError(q, 'rate_limited')).toBe(true);
    const n = await run(() => client.request({ operation: 'n', method: 'GET', path: 'missing' })).catch(
      (e: unknown) => e,
    );
    expect(isMarketbridgeError(n, 'not_found')).toBe(true);
    const p = await run(() => client.request({ operation: 'p', method: 'GET', path: 'problem' })).catch(
      (e: unknown) => e,
    );
    expect(isMarketbridgeError(p, 'marketplace_api_error')).toBe(true);
    expect((p as Error).message).toContain('Bad offer');
  });

  it('reads text, bytes, streams and nothing, and sends the idempotency key in the configured header', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.all(`${BASE}/doc`, ({ request }) => {
        keys.push(request.headers.get('x-request-key'));
        return new HttpResponse('line 1\nline 2', { headers: { 'content-type': 'text/plain' } });
      }),
    );
    const { client, run } = setup({ retry: { idempotencyHeader: 'x-request-key' } });
    const text = await run(() =>
      client.request<string>({ operation: 'doc', method: 'GET', path: 'doc', responseType: 'text' }),
    );
    expect(text.data).toBe('line 1\nline 2');
    const bytes = await run(() =>
      client.request<Uint8Array>({ operation: 'doc', method: 'GET', path: 'doc', responseType: 'bytes' }),
    );
    expect(bytes.data.byteLength).toBe(13);
    const stream = await run(() =>
      client.request<ReadableStream<Uint8Array>>({
        operation: 'doc',
        method: 'POST',
        path: 'doc',
        responseType: 'stream',
        idempotencyKey: 'k-1',
      }),
    );
    expect(await new Response(stream.data).text()).toBe('line 1\nline 2');
    const none = await run(() =>
      client.request({ operation: 'doc', method: 'DELETE', path: 'doc', responseType: 'none' }),
    );
    expect(none.data).toBeUndefined();
    expect(keys).toEqual([null, null, 'k-1', null]);
  });
});

describe('platform classifiers: field issues and budget scope', () => {
  it('a classifier that names field issues turns a 4xx into a ValidationError whose issue messages are redacted', async () => {
    server.use(
      http.put(`${BASE}/items/1`, () => HttpResponse.json({ code: 'invalid', field: 'price' }, { status: 400 })),
    );
    const { client, run } = setup({
      secrets: ['s3cret-value'],
      classify: (input) =>
        input.status === 400
          ? {
              kind: 'invalid',
              message: 'invalid',
              issues: [{ path: ['item', 'price'], message: 'price s3cret-value is wrong', code: 'item.price.invalid' }],
            }
          : undefined,
    });
    const error = await run(() =>
      client.request({ operation: 'update', method: 'PUT', path: 'items/1', json: {} }).catch((e: unknown) => e),
    );
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expect((error as { issues: unknown[] }).issues).toEqual([
      { path: ['item', 'price'], message: 'price [REDACTED] is wrong', code: 'item.price.invalid' },
    ]);
    expect((error as { status: number }).status).toBe(400);
  });

  it('a plan scope keys the budgets by its owner instead of the tenant, so two tenants share one budget', async () => {
    const clock = new FakeClock();
    const store = new (await import('../../src/stores/memory-store.js')).MemoryStore({ clock });
    const plan = {
      default: { kind: 'token-bucket' as const, ratePerSecond: 1, burst: 1 },
      shared: true,
      scope: 'app:42',
    };
    const make = (tenantId: string) =>
      createHttpClient({
        platform: 'test',
        baseUrl: BASE,
        context: createContext({ clock, store, tenantId }),
        limits: plan,
      });
    const [a, b] = [make('seller-1'), make('seller-2')];
    expect(a.limiter!.keyFor('x')).toBe(b.limiter!.keyFor('x'));
    expect(a.limiter!.keyFor('x')).toContain('app:42');
    expect(() =>
      createHttpClient({
        platform: 'test',
        baseUrl: BASE,
        context: createContext({ clock }),
        limits: { ...plan, scope: '' },
      }),
    ).toThrow(/scope/);
  });
});
