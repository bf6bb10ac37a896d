/**
 * Webhooks and OAuth end to end, in memory: no network, no credentials.
 * Run with `npx tsx examples/webhooks.ts`.
 */
import { OAuthClient, createKeyring } from 'marketbridge/auth';
import { EventBus, MemoryStore } from 'marketbridge';
import {
  FakeClock,
  signShopifyTestRequest,
  signStandardWebhooksTestRequest,
  toFetchRequest,
} from 'marketbridge/testing';
import { createStandardWebhooksVerifier, createWebhookHandler, createWebhookProcessor } from 'marketbridge/webhooks';
import { createShopifyVerifier } from 'marketbridge/connectors/shopify';

const clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
const store = new MemoryStore({ clock });
const events = new EventBus();
const context = { clock, store, events, tenantId: 'demo-shop' };

// 1. Webhooks: verify → parse → deduplicate → route, behind a Web-standard handler.
const shopifySecret = 'shpss_example-secret';
const appSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let failuresLeft = 1;
const handled: string[] = [];
const processor = createWebhookProcessor({
  verifiers: [
    createShopifyVerifier({ secrets: [shopifySecret] }),
    createStandardWebhooksVerifier({ secrets: [appSecret], clock, platform: 'app' }),
  ],
  routes: {
    shopify: { 'orders/create': (event) => void handled.push(`shopify order ${(event.payload as { id: number }).id}`) },
    app: {
      'invoice.paid': (event) => {
        if (failuresLeft-- > 0) throw new Error('accounting system is down');
        handled.push(`app invoice ${(event.payload as { data: { id: string } }).data.id} (attempt ${event.attempt})`);
      },
    },
  },
  context,
  retry: { maxAttempts: 3, baseDelayMs: 1_000 },
});
const handler = createWebhookHandler(processor);

const order = await signShopifyTestRequest({
  secret: shopifySecret,
  body: '{"id":1001,"total_price":"25.00"}',
  eventId: 'evt-1001',
});
const statuses: number[] = [];
for (let delivery = 0; delivery < 3; delivery++) {
  statuses.push((await handler(toFetchRequest(order, 'https://example.test/webhooks/shopify'))).status);
}
const forged = await signShopifyTestRequest({ secret: 'not-the-secret', body: '{"id":1002}' });
const forgedAnswer = await handler(toFetchRequest(forged, 'https://example.test/webhooks/shopify'));

const invoice = await signStandardWebhooksTestRequest({
  secrets: [appSecret],
  id: 'msg_inv_1',
  timestamp: Math.floor(clock.now() / 1000),
  body: '{"type":"invoice.paid","data":{"id":"inv_1"}}',
});
const invoiceAnswer = await handler(toFetchRequest(invoice, 'https://example.test/webhooks/app'));
await clock.advance(1_000);
const retried = await processor.runDueRetries();

console.log('Webhooks');
console.log(
  `  Shopify order delivered 3 times → HTTP ${statuses.join(', ')}; handler ran ${handled.filter((h) => h.startsWith('shopify')).length} time(s)`,
);
console.log(`  forged delivery → HTTP ${forgedAnswer.status} ${JSON.stringify(await forgedAnswer.json())}`);
console.log(`  invoice handler failed first → HTTP ${invoiceAnswer.status}; retry pass: ${JSON.stringify(retried)}`);
console.log(`  handled: ${handled.join('; ')}`);

// 2. OAuth: single-flight refresh with encrypted tokens; the token endpoint is a local stub.
let tokenRequests = 0;
const tokenEndpoint: typeof fetch = async (_input, init) => {
  tokenRequests++;
  const params = new URLSearchParams(String(init?.body));
  const rotated = `rt-${tokenRequests}`;
  return Response.json({
    access_token: `at-${tokenRequests}`,
    token_type: 'bearer',
    expires_in: 21_600,
    refresh_token: rotated,
    used: params.get('grant_type'),
  });
};
const oauth = new OAuthClient(
  {
    platform: 'mercadolibre',
    clientId: 'demo-app',
    clientSecret: 'demo-secret',
    tokenUrl: 'https://api.mercadolibre.example/oauth/token',
    authorizeUrl: 'https://auth.mercadolibre.example/authorization',
    redirectUri: 'https://example.test/oauth/callback',
    clientAuthentication: 'body',
    refreshTokenRotation: 'rotating',
  },
  {
    context: { ...context, fetch: tokenEndpoint },
    keyring: createKeyring({ keys: [{ id: 'k1', key: new Uint8Array(32).fill(9) }] }),
  },
);
const { url } = await oauth.createAuthorizationUrl({ connectionId: 'seller-1' });
await oauth.importTokens('seller-1', { accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: clock.now() - 1 });
const refreshedEvents: string[] = [];
events.on('tokenRefreshed', (event) =>
  refreshedEvents.push(`${event.connectionId} (rotated: ${event.rotatedRefreshToken})`),
);
const tokens = await Promise.all(Array.from({ length: 100 }, () => oauth.getAccessToken('seller-1')));

console.log('OAuth');
console.log(
  `  authorisation URL uses PKCE ${new URL(url).searchParams.get('code_challenge_method')} and a single-use state`,
);
console.log(
  `  100 concurrent callers on an expired token → ${tokenRequests} token request, ${new Set(tokens).size} distinct token`,
);
console.log(
  `  tokenRefreshed: ${refreshedEvents.join(', ')}; status: ${(await oauth.connectionStatus('seller-1')).state}`,
);
