/**
 * Webhook verifications per second on one core for a 2 KB body, per verifier, beside a bare
 * HMAC-SHA256 with Node's own `node:crypto` (the ceiling for the HMAC verifiers). Verifiers
 * run sequentially, so the figure is single-core throughput.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createEbayTestKey,
  mercadoLibreTestRequest,
  signEbayTestRequest,
  signHmacTestRequest,
  signShopifyTestRequest,
  signStandardWebhooksTestRequest,
  signStripeStyleTestRequest,
} from '../src/testing/webhooks/index.js';
import { nodeCryptoProvider } from '../src/adapters/node.js';
import { FakeClock } from '../src/testing/fake-clock.js';
import { createHmacVerifier, createStandardWebhooksVerifier, createStripeStyleVerifier, type WebhookRequest, type WebhookVerifier } from '../src/webhooks/index.js';
import { createEbayVerifier } from '../src/connectors/ebay/index.js';
import { createMercadoLibreVerifier } from '../src/connectors/mercadolibre/index.js';
import { createShopifyVerifier } from '../src/connectors/shopify/index.js';

const DURATION_MS = Number(process.env.MB_BENCH_MS ?? 1500);
const SECRET = 'bench-secret';
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function body2k(): string {
  const items = Array.from({ length: 40 }, (_, i) => ({ sku: `SKU-${i}`, quantity: i, price: '19.99' }));
  const text = JSON.stringify({ id: 'evt_1', type: 'order.created', items });
  return text.length >= 2048 ? text.slice(0, 2040) + '"pad":1}' : text + ' '.repeat(2048 - text.length);
}

async function measure(name: string, verify: () => unknown): Promise<[string, number]> {
  for (let i = 0; i < 200; i++) await verify();
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    for (let i = 0; i < 100; i++) await verify();
    count += 100;
  }
  return [name, Math.round(count / ((performance.now() - started) / 1000))];
}

export async function run(): Promise<Record<string, unknown>> {
  const body = body2k();
  const bytes = new TextEncoder().encode(body);
  const now = 1_800_000_000;
  const clock = new FakeClock(now * 1000);
  const asBytes = (request: { headers: Record<string, string>; body: string }): WebhookRequest => ({ headers: request.headers, body: bytes });

  const cases: [string, WebhookVerifier, WebhookRequest][] = [
    ['shopify', createShopifyVerifier({ secrets: [SECRET] }), asBytes(await signShopifyTestRequest({ secret: SECRET, body }))],
    ['hmacSha256Hex', createHmacVerifier({ platform: 'x', secrets: [SECRET], header: 'x-signature' }), asBytes(await signHmacTestRequest({ secret: SECRET, body, header: 'x-signature' }))],
    [
      'hmacSha1Base64',
      createHmacVerifier({ platform: 'x', secrets: [SECRET], header: 'x-signature', hash: 'SHA-1', encoding: 'base64' }),
      asBytes(await signHmacTestRequest({ secret: SECRET, body, header: 'x-signature', hash: 'SHA-1', encoding: 'base64' })),
    ],
    ['standardWebhooks', createStandardWebhooksVerifier({ secrets: [WHSEC], clock }), asBytes(await signStandardWebhooksTestRequest({ secrets: [WHSEC], id: 'msg_1', timestamp: now, body }))],
    ['stripeStyle', createStripeStyleVerifier({ platform: 'stripe', secrets: [SECRET], clock }), asBytes(await signStripeStyleTestRequest({ secret: SECRET, body, timestamp: now }))],
  ];
  const hmac = nodeCryptoProvider;
  cases.push(
    ['shopify + nodeCryptoProvider', createShopifyVerifier({ secrets: [SECRET], hmac }), cases[0]![2]],
    ['hmacSha256Hex + nodeCryptoProvider', createHmacVerifier({ platform: 'x', secrets: [SECRET], header: 'x-signature', hmac }), cases[1]![2]],
    ['standardWebhooks + nodeCryptoProvider', createStandardWebhooksVerifier({ secrets: [WHSEC], clock, hmac }), cases[3]![2]],
    ['stripeStyle + nodeCryptoProvider', createStripeStyleVerifier({ platform: 'stripe', secrets: [SECRET], clock, hmac }), cases[4]![2]],
  );
  const key = await createEbayTestKey();
  cases.push(['ebayEcdsa (key cached)', createEbayVerifier({ fetchKey: key.fetchKey }), asBytes(await signEbayTestRequest({ key, body }))]);
  const ml = mercadoLibreTestRequest({ applicationId: '1', resource: '/orders/1', userId: 1 });
  cases.push(['mercadolibre (confirm stubbed)', createMercadoLibreVerifier({ applicationId: '1', confirm: () => true }), ml]);

  const results: Record<string, number> = {};
  const shopifyHeader = cases[0]![2].headers as Record<string, string>;
  const expected = Buffer.from(shopifyHeader['x-shopify-hmac-sha256']!, 'base64');
  const [bareName, bare] = await measure('nodeCryptoHmacSha256 (ceiling)', () => {
    const mac = createHmac('sha256', SECRET).update(bytes).digest();
    return timingSafeEqual(mac, expected);
  });
  results[bareName] = bare;
  for (const [name, verifier, request] of cases) {
    const [label, perSecond] = await measure(name, async () => {
      const result = await verifier.verify(request);
      if (result.isErr()) throw new Error(`${name} rejected its own test request: ${result.error.reason}`);
    });
    results[label] = perSecond;
  }
  const ratios = Object.fromEntries(Object.entries(results).filter(([name]) => !name.startsWith('nodeCrypto')).map(([name, value]) => [name, Number((value / bare).toFixed(3))]));
  return { bodyBytes: bytes.length, unit: 'verifications/s (one core, sequential)', verificationsPerSecond: results, ratioToNodeCryptoHmac: ratios, targetHmacPerSecond: 50_000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
