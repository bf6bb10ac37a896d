/**
 * Webhooks, one event at a time on one core, against what a hand-written receiver does on
 * `node:crypto`, side by side in one run:
 *
 * 1. verifiers: each verifier with its default HMAC provider (node:crypto on Node) on a
 *    Shopify-sized 2 KB body, beside a bare node:crypto check (decode the header, HMAC the
 *    body, compare in constant time);
 * 2. the processor (verify → parse → deduplicate in the memory store → route → handler →
 *    acknowledge), beside a hand-rolled receiver: node:crypto HMAC + JSON.parse + a Set.
 *
 * Rounds interleave the baseline and each subject in alternating slices (ROUNDS rounds of OPS
 * operations each side) and the figures are min/median/max over the rounds. Rates come from the process's CPU time
 * (user + system) per operation, so other processes on a loaded machine count against neither
 * side; on an idle core that is the wall-clock rate.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { nodeCryptoProvider } from '../src/adapters/node.js';
import { MemoryStore } from '../src/stores/memory-store.js';
import { FakeClock } from '../src/testing/fake-clock.js';
import {
  createEbayTestKey,
  mercadoLibreTestRequest,
  signEbayTestRequest,
  signHmacTestRequest,
  signStandardWebhooksTestRequest,
  signStripeStyleTestRequest,
} from '../src/testing/webhooks/index.js';
import {
  createHmacVerifier,
  createStandardWebhooksVerifier,
  createStripeStyleVerifier,
  createWebCryptoHmacProvider,
  createWebhookProcessor,
  type WebhookRequest,
  type WebhookVerifier,
} from '../src/webhooks/index.js';
import { createEbayVerifier } from '../src/connectors/ebay/index.js';
import { createMercadoLibreVerifier } from '../src/connectors/mercadolibre/index.js';
import { createShopifyVerifier } from '../src/connectors/shopify/index.js';
import { stats, type Stats } from './lib/stats.js';

const ROUNDS = Number(process.env.MB_BENCH_ROUNDS ?? 9);
const OPS = Number(process.env.MB_BENCH_OPS ?? 2_000);
const SLICES = 10;
const SECRET = 'shpss_bench-secret';
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** A Shopify `orders/create` payload of about 2 KB. */
function orderBody(): string {
  const lineItems = Array.from({ length: 6 }, (_, i) => ({
    id: 866550311766439000 + i,
    variant_id: 808950810 + i,
    sku: `SKU-${1000 + i}`,
    title: `IPod Nano - ${8 * (i + 1)}GB`,
    quantity: 1 + (i % 3),
    price: '199.00',
    price_set: { shop_money: { amount: '199.00', currency_code: 'EUR' } },
    tax_lines: [{ title: 'VAT', rate: 0.21, price: '34.54' }],
  }));
  const order = {
    id: 820982911946154500,
    admin_graphql_api_id: 'gid://shopify/Order/820982911946154508',
    email: 'jon@example.com',
    created_at: '2026-11-22T10:00:00-05:00',
    currency: 'EUR',
    total_price: '1194.00',
    financial_status: 'paid',
    line_items: lineItems,
    shipping_address: {
      first_name: 'Steve',
      address1: '123 Shipping Street',
      city: 'Shippington',
      zip: '40003',
      country_code: 'US',
    },
  };
  return JSON.stringify(order);
}

/** Headers as a Node server hands them over (lower-case names), with Shopify's. */
function shopifyHeaders(body: Uint8Array, eventId: string): Record<string, string> {
  return {
    host: 'app.example.com',
    'user-agent': 'Shopify-Captain-Hook',
    'content-length': String(body.length),
    accept: '*/*',
    'accept-encoding': 'gzip;q=1.0,deflate;q=0.6,identity;q=0.3',
    'content-type': 'application/json',
    'x-shopify-api-version': '2026-10',
    'x-shopify-event-id': eventId,
    'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
    'x-shopify-shop-domain': 'example.myshopify.com',
    'x-shopify-topic': 'orders/create',
    'x-shopify-triggered-at': '2026-11-22T15:00:00.000Z',
    'x-shopify-webhook-id': eventId,
  };
}

/** CPU µs per operation of `ops` sequential runs of `fn(i)`. */
async function cpuPerOp(fn: (i: number) => unknown, ops: number): Promise<number> {
  const started = process.cpuUsage();
  for (let i = 0; i < ops; i++) await fn(i);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / ops;
}

interface Subject {
  name: string;
  /** Called once per round: returns the operation for that round (fresh state per round). */
  prepare: (round: number) => (i: number) => unknown;
}

/**
 * Interleaved rounds: per round and subject, SLICES alternating slices of the baseline and the
 * subject (OPS / SLICES operations each), so that both see the same moments of the machine's
 * load; the round's ratio is baseline CPU ÷ subject CPU.
 */
async function sideBySide(baseline: Subject, subjects: Subject[]) {
  const perOp: Record<string, number[]> = { [baseline.name]: [] };
  const ratios: Record<string, number[]> = {};
  const slice = Math.max(1, Math.floor(OPS / SLICES));
  // One warm-up round, not recorded.
  for (let round = -1; round < ROUNDS; round++) {
    for (const subject of subjects) {
      const base = baseline.prepare(round);
      const ours = subject.prepare(round);
      let baseUs = 0;
      let oursUs = 0;
      for (let k = 0; k < SLICES; k++) {
        baseUs += await cpuPerOp((i) => base(k * slice + i), slice);
        oursUs += await cpuPerOp((i) => ours(k * slice + i), slice);
      }
      if (round < 0) continue;
      (perOp[baseline.name] ??= []).push(baseUs / SLICES);
      (perOp[subject.name] ??= []).push(oursUs / SLICES);
      (ratios[subject.name] ??= []).push(baseUs / oursUs);
    }
  }
  const perSecond: Record<string, Stats> = {};
  for (const [name, list] of Object.entries(perOp))
    perSecond[name] = stats(
      list.map((us) => 1e6 / us),
      0,
    );
  return {
    perSecond,
    ratioToBaseline: Object.fromEntries(Object.entries(ratios).map(([name, list]) => [name, stats(list, 3)])),
  };
}

const must = (name: string) => (result: { isErr(): boolean }) => {
  if (result.isErr()) throw new Error(`${name} rejected its own test request`);
};

async function verifiers(body: string, bytes: Uint8Array) {
  const now = 1_800_000_000;
  const clock = new FakeClock(now * 1000);
  const headers = shopifyHeaders(bytes, 'evt-1');
  const withBytes = (request: { headers: Record<string, string> }): WebhookRequest => ({
    headers: request.headers,
    body: bytes,
  });
  const shopify = withBytes({ headers });
  const cases: [string, WebhookVerifier, WebhookRequest][] = [
    ['shopify', createShopifyVerifier({ secrets: [SECRET] }), shopify],
    [
      'shopify + Web Crypto',
      createShopifyVerifier({ secrets: [SECRET], hmac: createWebCryptoHmacProvider() }),
      shopify,
    ],
    ['shopify + nodeCryptoProvider', createShopifyVerifier({ secrets: [SECRET], hmac: nodeCryptoProvider }), shopify],
    [
      'hmacSha256Hex',
      createHmacVerifier({ platform: 'x', secrets: [SECRET], header: 'x-signature' }),
      withBytes(await signHmacTestRequest({ secret: SECRET, body, header: 'x-signature' })),
    ],
    [
      'hmacSha1Base64',
      createHmacVerifier({
        platform: 'x',
        secrets: [SECRET],
        header: 'x-signature',
        hash: 'SHA-1',
        encoding: 'base64',
      }),
      withBytes(
        await signHmacTestRequest({ secret: SECRET, body, header: 'x-signature', hash: 'SHA-1', encoding: 'base64' }),
      ),
    ],
    [
      'standardWebhooks',
      createStandardWebhooksVerifier({ secrets: [WHSEC], clock }),
      withBytes(await signStandardWebhooksTestRequest({ secrets: [WHSEC], id: 'msg_1', timestamp: now, body })),
    ],
    [
      'stripeStyle',
      createStripeStyleVerifier({ platform: 'stripe', secrets: [SECRET], clock }),
      withBytes(await signStripeStyleTestRequest({ secret: SECRET, body, timestamp: now })),
    ],
  ];
  const key = await createEbayTestKey();
  cases.push([
    'ebayEcdsa (key cached)',
    createEbayVerifier({ fetchKey: key.fetchKey }),
    withBytes(await signEbayTestRequest({ key, body })),
  ]);
  cases.push([
    'mercadolibre (confirm stubbed)',
    createMercadoLibreVerifier({ applicationId: '1', confirm: () => true }),
    mercadoLibreTestRequest({ applicationId: '1', resource: '/orders/1', userId: 1 }),
  ]);

  const bare: Subject = {
    name: 'bare node:crypto',
    prepare: () => () => {
      const given = Buffer.from(headers['x-shopify-hmac-sha256']!, 'base64');
      const mac = createHmac('sha256', SECRET).update(bytes).digest();
      if (given.length !== mac.length || !timingSafeEqual(mac, given)) throw new Error('bare check failed');
    },
  };
  const subjects = cases.map(([name, verifier, request]): Subject => {
    const check = must(name);
    return {
      name,
      prepare: () => () => {
        const result = verifier.verify(request);
        return result instanceof Promise ? result.then(check) : check(result);
      },
    };
  });
  return {
    baseline:
      'bare node:crypto: Buffer.from(header, "base64"), createHmac("sha256", secret).update(body).digest(), timingSafeEqual',
    ...(await sideBySide(bare, subjects)),
  };
}

async function processor(bytes: Uint8Array) {
  // Distinct event ids in every round, so that each delivery is new to both sides.
  const requests = (round: number): WebhookRequest[] =>
    Array.from({ length: OPS }, (_, i) => ({ headers: shopifyHeaders(bytes, `evt-${round}-${i}`), body: bytes }));
  let handled = 0;
  const handler = async (payload: unknown) => {
    if (payload) handled++;
  };
  const handRolled: Subject = {
    name: 'hand-rolled (node:crypto HMAC + JSON.parse + Set)',
    prepare: (round) => {
      const list = requests(round);
      const seen = new Set<string>();
      return async (i) => {
        const { headers, body } = list[i] as { headers: Record<string, string>; body: Uint8Array };
        const given = Buffer.from(headers['x-shopify-hmac-sha256']!, 'base64');
        const mac = createHmac('sha256', SECRET).update(body).digest();
        if (given.length !== mac.length || !timingSafeEqual(mac, given)) return 'rejected';
        const payload: unknown = JSON.parse(
          Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'),
        );
        const id = headers['x-shopify-event-id']!;
        if (seen.has(id)) return 'duplicate';
        seen.add(id);
        await handler(payload);
        return 'processed';
      };
    },
  };
  const ours = (name: string, hmac?: ReturnType<typeof createWebCryptoHmacProvider>): Subject => ({
    name,
    prepare: (round) => {
      const list = requests(round);
      const receiver = createWebhookProcessor({
        verifiers: [createShopifyVerifier({ secrets: [SECRET], ...(hmac ? { hmac } : {}) })],
        routes: { shopify: { 'orders/create': (event) => handler(event.payload) } },
        context: { store: new MemoryStore() },
      });
      return async (i) => {
        const outcome = await receiver.receive('shopify', list[i]!);
        if (outcome.status !== 'processed') throw new Error(`processor answered ${outcome.status}`);
      };
    },
  });
  const result = await sideBySide(handRolled, [
    ours('marketbridge processor (defaults)'),
    ours('marketbridge processor + Web Crypto', createWebCryptoHmacProvider()),
  ]);
  return {
    baseline: 'hand-rolled: verify as the bare check, JSON.parse(body.toString()), Set of event ids, await handler',
    subject: 'createWebhookProcessor with a Shopify verifier, MemoryStore, a no-op async handler; every delivery new',
    handlerCalls: handled,
    ...result,
  };
}

/** Runs the webhook benchmarks and returns their results. */
export async function run(): Promise<Record<string, unknown>> {
  const body = orderBody();
  const bytes = new Uint8Array(Buffer.from(body));
  return {
    bodyBytes: bytes.length,
    rounds: ROUNDS,
    opsPerRound: OPS,
    unit: 'operations per CPU-second, one at a time; ratios are subject ÷ baseline rate, min/median/max over rounds',
    targets: { processorRatio: 0.6, shopifyVerifierRatio: 0.8 },
    verifiers: await verifiers(body, bytes),
    processor: await processor(bytes),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
