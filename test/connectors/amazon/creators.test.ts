import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  CatalogDataOrchestrator,
  CREATORS_API_REPORTED_ENDPOINT,
  CreatorsApiClient,
  creatorsSource,
  defineCatalogSource,
  spApiCatalogSource,
  type CatalogRecord,
  type CatalogSource,
} from '../../../src/connectors/amazon-creators/index.js';
import { money } from '../../../src/model/money.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const config = { credentialId: 'cred-id', credentialSecret: 'cred-secret', credentialVersion: '3.1' as const, partnerTag: 'mytag-20', marketplace: 'www.amazon.com', endpoint: CREATORS_API_REPORTED_ENDPOINT, timeoutMs: 0 };

function creatorsApi() {
  const calls: { ids: string[]; headers: Record<string, string>; body: Record<string, unknown> }[] = [];
  const tokens: string[] = [];
  server.resetHandlers(
    http.post('https://api.amazon.com/auth/o2/token', async ({ request }) => {
      tokens.push(await request.text());
      return HttpResponse.json({ access_token: 'creators-token', expires_in: 3600 });
    }),
    http.post('https://creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token', async ({ request }) => {
      tokens.push(await request.text());
      return HttpResponse.json({ access_token: 'cognito-token', expires_in: 3600 });
    }),
    http.post(`${CREATORS_API_REPORTED_ENDPOINT}/catalog/v1/getItems`, async ({ request }) => {
      const body = (await request.json()) as { itemIds: string[] };
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => (headers[key] = value));
      calls.push({ ids: body.itemIds, headers, body });
      return HttpResponse.json({
        itemsResult: {
          items: body.itemIds.filter((id) => !id.startsWith('MISSING')).map((asin) => ({
            asin,
            detailPageURL: `https://www.amazon.com/dp/${asin}?tag=mytag-20`,
            itemInfo: { title: { displayValue: `Item ${asin}` }, byLineInfo: { brand: { displayValue: 'Acme' } } },
            images: { primary: { large: { url: `https://m.media-amazon.com/images/I/${asin}.jpg` } } },
            offersV2: { listings: [{ price: { money: { amount: 19.99, currency: 'USD', displayAmount: '$19.99' } }, availability: { type: 'IN_STOCK' } }] },
          })),
        },
      });
    }),
    http.post(`${CREATORS_API_REPORTED_ENDPOINT}/catalog/v1/searchItems`, async ({ request }) => {
      const body = (await request.json()) as { keywords: string; itemCount: number };
      return HttpResponse.json({ searchResult: { items: [{ asin: 'B0SEARCH01', itemInfo: { title: { displayValue: body.keywords } } }] } });
    }),
  );
  return { calls, tokens };
}

describe('Creators API client', () => {
  it('gets items in calls of 10 with a bearer token, x-marketplace routing and offersV2 prices in minor units', async () => {
    const { calls, tokens } = creatorsApi();
    const clock = new FakeClock();
    const client = new CreatorsApiClient({ ...config, requestsPerSecond: 1 }, { clock });
    const ids = Array.from({ length: 23 }, (_, i) => `B${String(i).padStart(9, '0')}`);
    const records = await clock.drive(() => client.getItems(ids));
    expect(records.size).toBe(23);
    expect(calls.map((call) => call.ids.length)).toEqual([10, 10, 3]);
    expect(calls[0]!.headers).toMatchObject({ authorization: 'Bearer creators-token, Version 3.1', 'x-marketplace': 'www.amazon.com' });
    expect(calls[0]!.body).toMatchObject({ itemIdType: 'ASIN', partnerTag: 'mytag-20', partnerType: 'Associates', marketplace: 'www.amazon.com' });
    expect(records.get('B000000001')).toMatchObject({ title: 'Item B000000001', brand: 'Acme', price: money(1999, 'USD'), availability: 'IN_STOCK' });
    expect(tokens).toHaveLength(1);
    expect(JSON.parse(tokens[0]!)).toMatchObject({ grant_type: 'client_credentials', scope: 'creatorsapi::default' });
    // One request per second: three calls take at least two seconds.
    expect(clock.now() - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(2000);
    expect((await clock.drive(() => client.searchItems('teapot')))[0]).toMatchObject({ id: 'B0SEARCH01', title: 'teapot' });
  });

  it('uses the Cognito form grant for 2.x credentials', async () => {
    const { tokens } = creatorsApi();
    const clock = new FakeClock();
    const client = new CreatorsApiClient({ ...config, credentialVersion: '2.2', marketplace: 'www.amazon.de' }, { clock });
    await clock.drive(() => client.getItems(['B000000001']));
    expect(new URLSearchParams(tokens[0]).get('scope')).toBe('creatorsapi/default');
  });

  it('requires an explicit endpoint and reports every configuration problem at once', () => {
    expect(() => new CreatorsApiClient({ credentialId: '', credentialSecret: 'x', credentialVersion: '3.1', partnerTag: 't', marketplace: 'amazon', endpoint: '' } as never)).toThrow(/3 problems/);
  });
});

function fakeSource(name: string, options: { maxBatch?: number; ttlMs?: number; accuracy?: number; known?: (id: string) => boolean; fields?: Partial<CatalogRecord> } = {}) {
  const calls: string[][] = [];
  let failing = false;
  const source: CatalogSource = defineCatalogSource({
    name,
    maxBatch: options.maxBatch ?? 5,
    ttlMs: options.ttlMs ?? 60_000,
    accuracy: options.accuracy ?? 0.9,
    fetch: async (ids) => {
      calls.push([...ids]);
      if (failing) throw new Error(`${name} is down`);
      return new Map(ids.filter(options.known ?? (() => true)).map((id) => [id, { id, title: `${name} ${id}`, ...options.fields }]));
    },
  });
  return { source, calls, fail: (value: boolean) => (failing = value) };
}

describe('catalog data orchestrator', () => {
  it('asks sources in order, batching to each source maximum, and falls back for unknown ids', async () => {
    const clock = new FakeClock();
    const first = fakeSource('first', { maxBatch: 3, known: (id) => !id.endsWith('x') });
    const second = fakeSource('second', { maxBatch: 10 });
    const catalog = new CatalogDataOrchestrator({ sources: [first.source, second.source], clock });
    const results = await catalog.getMany(['a', 'b', 'c', 'd', 'ex', 'fx', 'a']);
    expect(first.calls).toEqual([['a', 'b', 'c'], ['d', 'ex', 'fx']]);
    expect(second.calls).toEqual([['ex', 'fx']]);
    expect([...results.keys()]).toEqual(['a', 'b', 'c', 'd', 'ex', 'fx']);
    expect(results.get('ex')).toMatchObject({ source: 'second', cached: false, stale: false });
    expect(catalog.stats().sources.first).toMatchObject({ calls: 2, requested: 6, found: 4, failures: 0 });
  });

  it('serves cached records first and keeps each for its source TTL', async () => {
    const clock = new FakeClock();
    const fast = fakeSource('fast', { ttlMs: 1000, known: (id) => id === 'a' });
    const slow = fakeSource('slow', { ttlMs: 60_000 });
    const catalog = new CatalogDataOrchestrator({ sources: [fast.source, slow.source], clock });
    await catalog.getMany(['a', 'b']);
    await clock.advance(500);
    const again = await catalog.getMany(['a', 'b', 'c']);
    expect(again.get('a')).toMatchObject({ cached: true });
    expect(again.get('b')).toMatchObject({ cached: true });
    expect(fast.calls).toEqual([['a', 'b'], ['c']]);
    await clock.advance(1000);
    await catalog.getMany(['a', 'b']);
    expect(fast.calls.at(-1)).toEqual(['a']);
    expect(catalog.stats().cache).toMatchObject({ hits: 3 });
  });

  it('falls back when a source fails, and serves stale records when every source fails', async () => {
    const clock = new FakeClock();
    const primary = fakeSource('primary', { ttlMs: 1000 });
    const backup = fakeSource('backup', { ttlMs: 1000 });
    const catalog = new CatalogDataOrchestrator({ sources: [primary.source, backup.source], clock, staleIfErrorMs: 10_000 });
    await catalog.getMany(['a']);
    primary.fail(true);
    expect((await catalog.getMany(['b'])).get('b')).toMatchObject({ source: 'backup' });
    await clock.advance(2000);
    backup.fail(true);
    const stale = await catalog.get('a');
    expect(stale).toMatchObject({ source: 'primary', stale: true, cached: true });
    expect(stale!.quality.freshness).toBe(0);
    expect(await catalog.get('never-seen')).toBeUndefined();
    expect(catalog.stats().sources.primary).toMatchObject({ failures: 3, lastError: 'primary is down' });
    expect(catalog.stats().cache.staleServed).toBe(1);
    await clock.advance(20_000);
    expect(await catalog.get('a')).toBeUndefined();
  });

  it('scores completeness, source accuracy and freshness', async () => {
    const clock = new FakeClock();
    const rich = fakeSource('rich', { accuracy: 1, ttlMs: 10_000, fields: { brand: 'Acme', images: ['x'], price: money(100, 'EUR'), availability: 'IN_STOCK', url: 'https://example.test' } });
    const catalog = new CatalogDataOrchestrator({ sources: [rich.source], clock });
    expect((await catalog.get('a'))!.quality).toEqual({ score: 100, completeness: 1, accuracy: 1, freshness: 1 });
    await clock.advance(5000);
    expect((await catalog.get('a'))!.quality).toMatchObject({ freshness: 0.5, score: 90 });
  });

  it('rejects a badly configured source with every problem listed', () => {
    const catalog = new CatalogDataOrchestrator({ sources: [] });
    expect(() => catalog.register({ name: '', maxBatch: 0, ttlMs: -1, accuracy: 2, fetch: undefined } as never)).toThrow(/5 problems/);
  });

  it('combines the Creators API and the SP-API catalog against the simulators', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'S', price: money(100, 'USD'), title: 'SP only', asin: 'B0SPONLY01' });
    const { calls } = creatorsApi();
    server.use(...simulator.handlers);
    // 2.x credentials: the token comes from Cognito, not from the LWA endpoint the SP-API simulator answers.
    const creators = new CreatorsApiClient({ ...config, credentialVersion: '2.2' }, { clock });
    const catalog = new CatalogDataOrchestrator({
      sources: [creatorsSource({ getItems: async (ids, options) => creators.getItems(ids.filter((id) => id !== 'B0SPONLY01'), options) }), spApiCatalogSource(amazon.client)],
      clock,
    });
    const results = await clock.drive(() => catalog.getMany(['B000000001', 'B0SPONLY01']));
    expect(results.get('B000000001')).toMatchObject({ source: 'creators-api', record: { price: money(1999, 'USD') } });
    expect(results.get('B0SPONLY01')).toMatchObject({ source: 'sp-api-catalog', record: { title: 'SP only' } });
    expect(calls).toHaveLength(1);
  });
});
