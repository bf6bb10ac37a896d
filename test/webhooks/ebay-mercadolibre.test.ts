import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { createEbayTestKey, mercadoLibreTestRequest, signEbayTestRequest } from '../../src/testing/webhooks/index.js';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../../src/core/bytes.js';

import { bodyArb, RUNS } from './forgery-helpers.js';
import { createEbayKeyFetcher, createEbayVerifier } from '../../src/connectors/ebay/index.js';
import { createMercadoLibreVerifier } from '../../src/connectors/mercadolibre/index.js';

const notification = (id: string) =>
  JSON.stringify({
    metadata: { topic: 'MARKETPLACE_ACCOUNT_DELETION', schemaVersion: '1.0' },
    notification: { notificationId: id, data: { userId: 'u1' } },
  });

function rewriteHeader(header: string, change: (parsed: Record<string, string>) => void): string {
  const parsed = JSON.parse(fromUtf8(fromBase64(header)!)) as Record<string, string>;
  change(parsed);
  return toBase64(utf8(JSON.stringify(parsed)));
}

describe('eBay verifier', () => {
  it('accepts a signed notification and reports its id and topic', async () => {
    const key = await createEbayTestKey();
    const verifier = createEbayVerifier({ fetchKey: key.fetchKey });
    const result = await verifier.verify(await signEbayTestRequest({ key, body: notification('n-1') }));
    expect(result._unsafeUnwrap()).toMatchObject({ eventId: 'n-1', topic: 'MARKETPLACE_ACCOUNT_DELETION' });
  });

  it(`accepts 0 of ${RUNS} forgeries (body, signature bytes, kid, algorithm) and fetches the key once`, async () => {
    const key = await createEbayTestKey();
    const other = await createEbayTestKey();
    const verifier = createEbayVerifier({ fetchKey: key.fetchKey });
    const valid = await signEbayTestRequest({ key, body: notification('n-1') });
    const wrongKey = await signEbayTestRequest({
      key: { kid: key.kid, privateKey: other.privateKey },
      body: notification('n-1'),
    });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(bodyArb, fc.nat(), fc.integer({ min: 0, max: 5 }), async (body, at, kind) => {
        const header = valid.headers['x-ebay-signature']!;
        let request = { headers: { ...valid.headers }, body: valid.body };
        if (kind === 0) request.body = body;
        if (kind === 1) request.body = `${valid.body} `;
        if (kind === 2) {
          request.headers['x-ebay-signature'] = rewriteHeader(header, (p) => {
            const der = fromBase64(p.signature!)!;
            const index = 4 + (at % (der.length - 4));
            der[index] = der[index]! ^ (1 + (at % 255));
            p.signature = toBase64(der);
          });
        }
        if (kind === 3) request.headers['x-ebay-signature'] = rewriteHeader(header, (p) => (p.digest = 'SHA256'));
        if (kind === 4) request = { ...wrongKey, headers: { ...wrongKey.headers } };
        if (kind === 5) request.headers['x-ebay-signature'] = rewriteHeader(header, (p) => (p.kid = `${p.kid}x`));
        const result = await verifier.verify(request);
        if (result.isOk()) accepted++;
        return result.isErr();
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBe(0);
    expect(key.fetchKey.calls).toBe(1);
  });

  it('1,000 forged kids cause a bounded number of key fetches; a malformed kid causes none', async () => {
    const clock = new FakeClock();
    const key = await createEbayTestKey();
    const verifier = createEbayVerifier({ fetchKey: key.fetchKey, clock, maxKeyFetchesPerMinute: 10 });
    const valid = await signEbayTestRequest({ key, body: notification('n-1') });
    const reasons = new Map<string, number>();
    await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const kid = i % 2 ? crypto.randomUUID() : `../../admin?${i}`;
        const header = rewriteHeader(valid.headers['x-ebay-signature']!, (p) => (p.kid = kid));
        const result = await verifier.verify({ headers: { 'x-ebay-signature': header }, body: valid.body });
        const reason = result._unsafeUnwrapErr().reason;
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }),
    );
    expect(key.fetchKey.calls).toBe(10);
    expect(reasons.get('invalid_kid')).toBe(500);
    expect((reasons.get('unknown_key') ?? 0) + (reasons.get('key_fetch_failed') ?? 0)).toBe(500);
    // Once the minute has passed the budget refills and the real key is fetched.
    await clock.advance(60_000);
    expect((await verifier.verify(valid)).isOk()).toBe(true);
    expect(key.fetchKey.calls).toBe(11);
  });

  it('cached keys expire after their TTL and are fetched again', async () => {
    const clock = new FakeClock();
    const key = await createEbayTestKey();
    const verifier = createEbayVerifier({ fetchKey: key.fetchKey, clock, keyTtlMs: 1000 });
    const valid = await signEbayTestRequest({ key, body: notification('n-1') });
    await verifier.verify(valid);
    await verifier.verify(valid);
    expect(key.fetchKey.calls).toBe(1);
    await clock.advance(1001);
    expect((await verifier.verify(valid)).isOk()).toBe(true);
    expect(key.fetchKey.calls).toBe(2);
  });

  it.each([
    ['null', null, 'unknown_key'],
    ['undefined', undefined, 'unknown_key'],
    ['a string', 'not a key', 'key_fetch_failed'],
    ['an object without a key', { algorithm: 'ECDSA', digest: 'SHA1' }, 'key_fetch_failed'],
    [
      'a key without an algorithm',
      { key: '-----BEGIN PUBLIC KEY-----AAAA-----END PUBLIC KEY-----' },
      'key_fetch_failed',
    ],
    ['a number', 42, 'key_fetch_failed'],
  ] as const)('a key fetcher resolving %s gives a typed failure, not a TypeError', async (_, value, reason) => {
    const key = await createEbayTestKey();
    const fetchKey = (() => value) as unknown as Parameters<typeof createEbayVerifier>[0]['fetchKey'];
    const verifier = createEbayVerifier({ fetchKey });
    const result = await verifier.verify(await signEbayTestRequest({ key, body: notification('n-null') }));
    expect(result._unsafeUnwrapErr().reason).toBe(reason);
  });

  it('the default key fetcher calls the Notification API with an application token', async () => {
    const key = await createEbayTestKey();
    const seen: string[] = [];
    const fetchKey = createEbayKeyFetcher({
      baseUrl: 'https://api.sandbox.ebay.test',
      accessToken: () => 'app-token',
      fetch: async (input, init) => {
        seen.push(`${String(input)} ${new Headers(init?.headers).get('authorization')}`);
        return String(input).endsWith(key.kid) ? Response.json(key.publicKey) : new Response('{}', { status: 404 });
      },
    });
    const verifier = createEbayVerifier({ fetchKey });
    expect((await verifier.verify(await signEbayTestRequest({ key, body: notification('n') }))).isOk()).toBe(true);
    expect(seen).toEqual([
      `https://api.sandbox.ebay.test/commerce/notification/v1/public_key/${key.kid} Bearer app-token`,
    ]);
  });
});

describe('MercadoLibre verifier', () => {
  const known = new Set(['/orders/1', '/items/MLA1']);
  let confirms = 0;
  const verifier = createMercadoLibreVerifier({
    applicationId: '5503910054141466',
    confirm: (n) => {
      confirms++;
      return known.has(n.resource);
    },
  });

  it('accepts a notification for this application whose resource is confirmed', async () => {
    const request = mercadoLibreTestRequest({
      applicationId: '5503910054141466',
      resource: '/orders/1',
      userId: 42,
      id: 'n1',
    });
    expect((await verifier.verify(request))._unsafeUnwrap()).toMatchObject({ eventId: 'n1', topic: 'orders_v2' });
  });

  it(`accepts 0 of ${RUNS} forgeries (other app, unknown topic, unconfirmed resource, odd paths, junk bodies)`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            app: fc.constant('5503910054141466'),
            resource: fc.constantFrom('/orders/2', '/items/MLA2', '/orders/1/../2', '//evil', 'https://evil/x'),
            topic: fc.constant('orders_v2'),
          }),
          fc.record({
            app: fc
              .bigInt({ min: 1n, max: 10n ** 16n })
              .map(String)
              .filter((a) => a !== '5503910054141466'),
            resource: fc.constant('/orders/1'),
            topic: fc.constant('orders_v2'),
          }),
          fc.record({
            app: fc.constant('5503910054141466'),
            resource: fc.constant('/orders/1'),
            topic: fc.string().filter((t) => t !== 'orders_v2' && t !== 'items'),
          }),
        ),
        bodyArb,
        fc.boolean(),
        async (fields, junk, useJunk) => {
          const request = useJunk
            ? { headers: {}, body: junk.slice(0, -1) }
            : {
                headers: {},
                body: JSON.stringify({
                  _id: 'x',
                  resource: fields.resource,
                  user_id: 1,
                  topic: fields.topic,
                  application_id: fields.app,
                }),
              };
          const result = await verifier.verify(request);
          if (result.isOk()) accepted++;
          return result.isErr();
        },
      ),
      { numRuns: RUNS },
    );
    expect(accepted).toBe(0);
  });

  it('confirms upstream only after the cheap checks pass', async () => {
    confirms = 0;
    await verifier.verify(mercadoLibreTestRequest({ applicationId: '1', resource: '/orders/1', userId: 1 }));
    await verifier.verify(
      mercadoLibreTestRequest({ applicationId: '5503910054141466', resource: '/orders/1', userId: 1, topic: 'nope' }),
    );
    expect(confirms).toBe(0);
  });
});
