import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  CatalogDataOrchestrator,
  CREATORS_API_ENDPOINT,
  CREATORS_TOKEN_URLS,
  CreatorsApiClient,
  creatorsSource,
  defineCatalogSource,
  spApiCatalogSource,
  type CatalogRecord,
  type CatalogSource,
  type CreatorsItem,
} from '../../../src/connectors/amazon-creators/index.js';
import { isMarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import { money } from '../../../src/model/money.js';
import { AmazonCreatorsSimulator } from '../../../src/connectors/amazon/simulator/index.js';
import { creatorsRequestProblems } from '../../../src/testing/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const config = {
  credentialId: 'cred-id',
  credentialSecret: 'cred-secret',
  credentialVersion: '3.1' as const,
  partnerTag: 'mytag-20',
  marketplace: 'www.amazon.com',
  timeoutMs: 0,
};

/** A Creators API item as the simulator serves it, with every field the mapper reads. */
const item = (asin: string): CreatorsItem => ({
  asin,
  detailPageURL: `https://www.amazon.com/dp/${asin}?tag=mytag-20`,
  itemInfo: { title: { displayValue: `Item ${asin}` }, byLineInfo: { brand: { displayValue: 'Acme' } } },
  images: { primary: { large: { url: `https://m.media-amazon.com/images/I/${asin}.jpg` } } },
  offersV2: {
    listings: [{ price: { money: { amount: 19.99, currency: 'USD' } }, availability: { type: 'IN_STOCK' } }],
  },
});

function creatorsApi(options: { requestsPerSecond?: number; clock?: FakeClock } = {}) {
  const clock = options.clock ?? new FakeClock();
  const simulator = new AmazonCreatorsSimulator({
    clock,
    ...(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}),
  });
  for (let i = 0; i < 30; i++) simulator.addItem(item(`B${String(i).padStart(9, '0')}`));
  server.resetHandlers(...simulator.handlers);
  return { clock, simulator };
}

describe('Creators API client, against the contract of Amazon’s Creators API SDK', () => {
  it('gets items in calls of 10 with a plain bearer token (3.x), x-marketplace routing, documented fields only, offersV2 prices in minor units', async () => {
    const { clock, simulator } = creatorsApi();
    const client = new CreatorsApiClient(config, { clock });
    const ids = Array.from({ length: 23 }, (_, i) => `B${String(i).padStart(9, '0')}`);
    const records = await clock.drive(() => client.getItems(ids));
    expect(records.size).toBe(23);
    expect(simulator.calls.map((call) => [call.status, (call.body as { itemIds: string[] }).itemIds.length])).toEqual([
      [200, 10],
      [200, 10],
      [200, 3],
    ]);
    expect(simulator.calls[0]!.headers).toMatchObject({
      authorization: expect.stringMatching(/^Bearer creators-3\.1-1$/),
      'x-marketplace': 'www.amazon.com',
    });
    expect(Object.keys(simulator.calls[0]!.body as object).sort()).toEqual(['itemIds', 'partnerTag', 'resources']);
    expect(records.get('B000000001')).toMatchObject({
      title: 'Item B000000001',
      brand: 'Acme',
      price: money(1999, 'USD'),
      availability: 'IN_STOCK',
    });
    // One request per second: three calls take at least two seconds.
    expect(clock.now() - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(2000);
  });

  it('adds ", Version X" to the Authorization header for 2.x credentials only, after a Cognito form grant', async () => {
    const { clock, simulator } = creatorsApi();
    const client = new CreatorsApiClient({ ...config, credentialVersion: '2.2' }, { clock });
    await clock.drive(() => client.getItems(['B000000001']));
    expect(simulator.calls.map((call) => [call.status, call.headers.authorization])).toEqual([
      [200, 'Bearer creators-2.2-1, Version 2.2'],
    ]);
  });

  it('ids Amazon reports in the partial errors are missing from the map', async () => {
    const { clock } = creatorsApi();
    const client = new CreatorsApiClient(config, { clock });
    const records = await clock.drive(() => client.getItems(['B000000001', 'B0MISSING0']));
    expect([...records.keys()]).toEqual(['B000000001']);
  });

  it('searches with itemCount up to 100 and itemPage up to 10, and refuses values outside those ranges before sending', async () => {
    const { clock, simulator } = creatorsApi({ requestsPerSecond: 10 });
    const client = new CreatorsApiClient({ ...config, requestsPerSecond: 10 }, { clock });
    const page = await clock.drive(() => client.searchItems('item', { itemCount: 20, itemPage: 2 }));
    expect(page.map((record) => record.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `B${String(20 + i).padStart(9, '0')}`),
    );
    expect(await clock.drive(() => client.searchItems('item', { itemCount: 100 }))).toHaveLength(30);
    for (const bad of [{ itemCount: 101 }, { itemCount: 0 }, { itemPage: 11 }, { itemCount: 2.5 }]) {
      const error = await client.searchItems('item', bad).catch((caught: unknown) => caught);
      expect(isMarketbridgeError(error, 'validation_failed'), JSON.stringify(bad)).toBe(true);
    }
    expect(simulator.calls.map((call) => call.status)).toEqual([200, 200]);
  });

  it('the simulator refuses undocumented fields and too many item ids, as the SDK models the request', () => {
    expect(
      creatorsRequestProblems('getItems', {
        partnerTag: 't',
        itemIds: ['B1'],
        itemIdType: 'ASIN',
        partnerType: 'Associates',
        marketplace: 'www.amazon.com',
      }).map((problem) => problem.name),
    ).toEqual(['itemIdType', 'partnerType', 'marketplace']);
    expect(
      creatorsRequestProblems('getItems', {
        partnerTag: 't',
        itemIds: Array.from({ length: 11 }, (_, i) => `B${i}`),
      }).map((problem) => problem.name),
    ).toEqual(['itemIds']);
    expect(
      creatorsRequestProblems('searchItems', { partnerTag: 't', keywords: 'x', itemCount: 101, itemPage: 11 }).map(
        (problem) => problem.name,
      ),
    ).toEqual(['itemCount', 'itemPage']);
  });

  it('uses Amazon’s host by default, and reports every configuration problem at once', () => {
    expect(new CreatorsApiClient(config).config.endpoint).toBe(CREATORS_API_ENDPOINT);
    expect(CREATORS_API_ENDPOINT).toBe('https://creatorsapi.amazon');
    expect(
      () =>
        new CreatorsApiClient({
          credentialId: '',
          credentialSecret: 'x',
          credentialVersion: '3.1',
          partnerTag: 't',
          marketplace: 'amazon',
          endpoint: 'nope',
        } as never),
    ).toThrow(/3 problems/);
  });

  it('an unreachable token endpoint is a retryable AuthError that names no secret', async () => {
    server.resetHandlers(http.post(CREATORS_TOKEN_URLS['3.1']!, () => HttpResponse.error()));
    const clock = new FakeClock();
    const client = new CreatorsApiClient(config, { clock });
    const error = await clock.drive(() => client.getItems(['B000000001'])).catch((caught: unknown) => caught);
    expect(isMarketbridgeError(error, 'auth_failed')).toBe(true);
    expect(JSON.stringify((error as { toJSON(): unknown }).toJSON())).not.toContain('cred-secret');
  });
});

/** Every field the quality score counts, so fakes score above the default minimum quality. */
const COMPLETE: Partial<CatalogRecord> = {
  brand: 'Acme',
  images: ['https://example.test/i.jpg'],
  price: money(100, 'EUR'),
  availability: 'IN_STOCK',
  url: 'https://example.test/p',
};

function fakeSource(
  name: string,
  options: {
    maxBatch?: number;
    ttlMs?: number;
    accuracy?: number;
    known?: (id: string) => boolean;
    fields?: Partial<CatalogRecord>;
  } = {},
) {
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
      return new Map(
        ids
          .filter(options.known ?? (() => true))
          .map((id) => [id, { id, title: `${name} ${id}`, ...COMPLETE, ...options.fields }]),
      );
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
    expect(first.calls).toEqual([
      ['a', 'b', 'c'],
      ['d', 'ex', 'fx'],
    ]);
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
    const catalog = new CatalogDataOrchestrator({
      sources: [primary.source, backup.source],
      clock,
      staleIfErrorMs: 10_000,
    });
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
    const rich = fakeSource('rich', {
      accuracy: 1,
      ttlMs: 10_000,
      fields: {
        brand: 'Acme',
        images: ['x'],
        price: money(100, 'EUR'),
        availability: 'IN_STOCK',
        url: 'https://example.test',
      },
    });
    const catalog = new CatalogDataOrchestrator({ sources: [rich.source], clock });
    expect((await catalog.get('a'))!.quality).toEqual({ score: 100, completeness: 1, accuracy: 1, freshness: 1 });
    await clock.advance(5000);
    expect((await catalog.get('a'))!.quality).toMatchObject({ freshness: 0.5, score: 90 });
  });

  it('rejects a badly configured source with every problem listed', () => {
    const catalog = new CatalogDataOrchestrator({ sources: [] });
    expect(() =>
      catalog.register({ name: '', maxBatch: 0, ttlMs: -1, accuracy: 2, fetch: undefined } as never),
    ).toThrow(/5 problems/);
  });

  it('combines the Creators API and the SP-API catalog against the simulators', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'S', price: money(100, 'USD'), title: 'SP only', asin: 'B0SPONLY01' });
    const creatorsApiSimulator = creatorsApi({ clock }).simulator;
    server.use(...simulator.handlers);
    // 2.x credentials: the token comes from Cognito, not from the LWA endpoint the SP-API simulator answers.
    const creators = new CreatorsApiClient({ ...config, credentialVersion: '2.2' }, { clock });
    const catalog = new CatalogDataOrchestrator({
      sources: [creatorsSource(creators), spApiCatalogSource(amazon.client)],
      clock,
    });
    const results = await clock.drive(() => catalog.getMany(['B000000001', 'B0SPONLY01']));
    expect(results.get('B000000001')).toMatchObject({ source: 'creators-api', record: { price: money(1999, 'USD') } });
    expect(results.get('B0SPONLY01')).toMatchObject({
      source: 'sp-api-catalog',
      record: { title: 'SP only', url: 'https://www.amazon.com/dp/B0SPONLY01' },
    });
    expect(creatorsApiSimulator.calls.map((call) => call.status)).toEqual([200]);
  });

  it('the SP-API catalog fallback links the product page on its own store’s domain', async () => {
    const { amazon, simulator, clock } = setup(
      server,
      { marketplaceId: 'A1PA6795UKMFR9' },
      { region: 'eu', marketplaceId: 'A1PA6795UKMFR9', endpoints: { api: 'https://sellingpartnerapi-na.amazon.com' } },
    );
    simulator.addListing({ sku: 'S', price: money(100, 'EUR'), title: 'Teekanne', asin: 'B0TEEKANNE' });
    const found = await clock.drive(() => spApiCatalogSource(amazon.client).fetch(['B0TEEKANNE']));
    expect(found.get('B0TEEKANNE')).toMatchObject({ title: 'Teekanne', url: 'https://www.amazon.de/dp/B0TEEKANNE' });
    const unknown = await clock.drive(() =>
      spApiCatalogSource({
        marketplaceId: 'A0UNKNOWN',
        searchCatalogItems: amazon.client.searchCatalogItems.bind(amazon.client) as never,
      }).fetch(['B0TEEKANNE']),
    );
    expect(unknown.get('B0TEEKANNE')?.url).toBeUndefined();
  });

  it('accepts and caches only records of at least the minimum quality (0.7 by default), falling back otherwise', async () => {
    const clock = new FakeClock();
    const thin = fakeSource('thin', {
      fields: { brand: undefined, images: undefined, price: undefined, availability: undefined, url: undefined },
    });
    const rich = fakeSource('rich');
    const catalog = new CatalogDataOrchestrator({ sources: [thin.source, rich.source], clock });
    const results = await catalog.getMany(['a', 'b']);
    expect([...results.values()].map((result) => [result.source, result.quality.score >= 70])).toEqual([
      ['rich', true],
      ['rich', true],
    ]);
    expect(catalog.stats().sources.thin).toMatchObject({ found: 2, belowQuality: 2 });
    // Nothing of the thin source was cached: the next call asks it again and falls back again.
    await catalog.getMany(['a']);
    expect(thin.calls).toEqual([['a', 'b']]);
    const lenient = new CatalogDataOrchestrator({ sources: [thin.source], clock, minQuality: 0 });
    expect((await lenient.get('c'))?.source).toBe('thin');
    expect(() => new CatalogDataOrchestrator({ sources: [], minQuality: 70 })).toThrow(/from 0 to 1/);
  });

  it('honours a source’s daily quota: once spent, its ids fall through until the next UTC day', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 22, 23, 0));
    const metered = fakeSource('metered', { maxBatch: 2 });
    const backup = fakeSource('backup');
    const catalog = new CatalogDataOrchestrator({
      sources: [{ ...metered.source, dailyQuota: 2 }, backup.source],
      clock,
    });
    const first = await catalog.getMany(['a', 'b', 'c', 'd', 'e']);
    expect([...first.values()].map((result) => result.source)).toEqual([
      'metered',
      'metered',
      'metered',
      'metered',
      'backup',
    ]);
    expect(catalog.stats().sources.metered).toMatchObject({ calls: 2, callsToday: 2, quotaSkipped: 1 });
    await clock.advance(60 * 60 * 1000);
    expect((await catalog.get('f', { refresh: true }))?.source).toBe('metered');
    expect(catalog.stats().sources.metered).toMatchObject({ calls: 3, callsToday: 1 });
    expect(() => catalog.register({ ...backup.source, name: 'bad', dailyQuota: 0 })).toThrow(/positive whole number/);
  });
});
