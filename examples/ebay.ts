/**
 * eBay end to end, offline: the eBay simulator answers as `fetch` (no credentials, no network),
 * a fake clock runs token lifetimes and call limits.
 *
 *   npx tsx examples/ebay.ts
 */
import {
  createEbayNotificationEndpoint,
  ebayNotificationRoutes,
  EbayMarketplace,
  type EbayAccountDeletion,
} from 'marketbridge/connectors/ebay';
import { money, MemoryStore } from 'marketbridge';
import { EbaySimulator } from 'marketbridge/testing/msw';
import { FakeClock } from 'marketbridge/testing';
import { createWebhookProcessor } from 'marketbridge/webhooks';

const ENDPOINT = 'https://app.example.com/ebay/notifications';
const VERIFICATION_TOKEN = 'example_verification-token_0123456789abcdef';

async function main(): Promise<void> {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  // The notification endpoint below; the simulator delivers to it (and challenges it) through `deliver`.
  let endpoint: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  const simulator = new EbaySimulator({
    clock,
    environment: 'sandbox',
    ruName: 'Example-Example-SBX-1a2b3c-abcdef',
    deliver: (input, init) => endpoint(new Request(input, init)),
  });
  for (let i = 0; i < 1000; i++)
    simulator.addListing({ sku: `MUG-${i}`, title: `Mug ${i}`, price: money(999, 'USD'), quantity: 5 });

  const ebay = new EbayMarketplace(
    {
      environment: 'sandbox',
      credentials: {
        clientId: 'Example-App-SBX-1a2b3c',
        clientSecret: 'SBX-example-cert-id',
        ruName: 'Example-Example-SBX-1a2b3c-abcdef',
      },
      merchantLocationKey: 'default',
      categoryId: '20625',
      listingPolicies: { fulfillmentPolicyId: '1', paymentPolicyId: '2', returnPolicyId: '3' },
      timeoutMs: 0,
    },
    { clock, store, fetch: simulator.fetch },
  );

  // 1. The seller consents on eBay's page; the redirect's code becomes 2-hour tokens and an 18-month refresh token.
  const { url, state } = await ebay.createAuthorizationUrl();
  await ebay.completeAuthorization({ state, code: simulator.issueAuthorizationCode() });
  const connection = await ebay.connectionStatus();
  console.log(
    `consent: ${new URL(url).host}, refresh token valid until ${new Date(connection.refreshTokenExpiresAt!).toISOString().slice(0, 10)}, re-consent due: ${connection.reconsentDue}`,
  );

  // 2. A new product: inventory item, offer, listing.
  const created = await ebay.upsertProducts([
    {
      title: 'Teapot',
      description: 'Cast iron, 1 l',
      attributes: { Colour: 'Black' },
      offers: [{ sku: 'TEAPOT-1', price: money(3499, 'USD') }],
    },
  ]);
  const teapot = created.items[0]!;
  console.log(
    `upsert: TEAPOT-1 ${teapot.ok ? `${teapot.value.status}, listing ${teapot.value.attributes['ebay:listingId']}` : teapot.error.message}`,
  );

  // 3. Prices and stock of 1,000 SKUs: known offer ids after one listing pass, then 40 bulk calls.
  let listed = 0;
  for await (const product of ebay.listProducts()) listed += product.offers.length;
  simulator.resetLimits();
  const bulk = await ebay.updatePriceQuantity(
    Array.from({ length: 1000 }, (_, i) => ({
      sku: `MUG-${i}`,
      price: money(1099 + (i % 3) * 100, 'USD'),
      quantity: 10 + (i % 5),
    })),
  );
  const stats = simulator.stats();
  console.log(
    `bulk: ${listed} offers listed; ${bulk.succeeded}/1000 updated in ${stats.operations.bulkUpdatePriceQuantity?.calls} bulkUpdatePriceQuantity calls, ${stats.throttled} throttled`,
  );
  const budget = await ebay.revisionBudget('MUG-0');
  console.log(`revisions: MUG-0 used ${budget.used} of ${budget.limit} today`);

  // 4. An order comes in; it is listed, shipped with tracking.
  const orderId = simulator.addOrder({
    lines: [{ sku: 'MUG-7', quantity: 2, unitPrice: money(1099, 'USD') }],
    shipping: money(499, 'USD'),
    buyer: { name: 'Ann Buyer' },
    shipTo: { line1: '2145 Hamilton Ave', city: 'San Jose', region: 'CA', postalCode: '95125', countryCode: 'US' },
  });
  for await (const order of ebay.listOrders({ status: ['unshipped'] }))
    console.log(`order: ${order.id} ${order.status}, total ${order.totals.total.amountMinor / 100} ${order.currency}`);
  const shipped = await ebay.confirmShipment([
    {
      orderId,
      carrier: 'USPS',
      trackingNumber: '9400100000000000000001',
      shippedAt: new Date(clock.now()).toISOString(),
    },
  ]);
  console.log(`shipment: ${shipped.succeeded} confirmed; order is now ${(await ebay.getOrder(orderId)).status}`);

  // 5. Marketplace Account Deletion: the endpoint answers eBay's challenge, verifies and routes notifications once.
  const deleted: EbayAccountDeletion[] = [];
  const processor = createWebhookProcessor({
    verifiers: [ebay.notifications.verifier()],
    routes: ebayNotificationRoutes({ accountDeletion: (deletion) => void deleted.push(deletion) }),
    context: { store, clock },
  });
  endpoint = createEbayNotificationEndpoint({ processor, verificationToken: VERIFICATION_TOKEN, endpoint: ENDPOINT });
  const { subscription } = await ebay.notifications.subscribeToAccountDeletion({
    endpoint: ENDPOINT,
    verificationToken: VERIFICATION_TOKEN,
  });
  const deliveries = await simulator.notify('MARKETPLACE_ACCOUNT_DELETION', {
    username: 'gone_user',
    userId: 'ma8vp1jySJC',
    eiasToken: 'nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wJnY+gAZGEpwmdj6x9nY+seQ==',
  });
  console.log(
    `notifications: subscription ${subscription.status}, delivery answered ${deliveries.map((d) => d.status).join(', ')}, delete the data of user ${deleted.map((d) => d.userId).join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
