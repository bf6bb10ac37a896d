import { describe, expect, it } from 'vitest';
import {
  createShopifyWebhookProcessor,
  shopifyWebhookRoutes,
  shopifyWebhookSchema,
  type ShopifyComplianceHandlers,
} from '../../../src/connectors/shopify/index.js';
import { ValidationError } from '../../../src/core/errors/validation-error.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { signShopifyTestRequest } from '../../../src/connectors/shopify/simulator/sign-webhook.js';
import type { WebhookPayloadFailure } from '../../../src/webhooks/index.js';

const secret = 'app-secret';
const order = {
  id: 820982911946154500,
  admin_graphql_api_id: 'gid://shopify/Order/820982911946154500',
  name: '#9999',
  created_at: '2026-11-22T10:00:00Z',
  updated_at: '2026-11-22T10:05:00Z',
  cancelled_at: null,
  currency: 'EUR',
  total_price: '24.95',
  subtotal_price: '20.00',
  total_tax: '0.00',
  financial_status: 'paid',
  fulfillment_status: null,
  email: 'jon@example.com',
  line_items: [
    { id: 466157049, sku: 'A-1', title: 'Tee', quantity: 2, price: '10.00', fulfillable_quantity: 2, variant_id: 1 },
  ],
};

function processor() {
  const clock = new FakeClock();
  const handled: unknown[] = [];
  const invalid: WebhookPayloadFailure[] = [];
  const compliance: ShopifyComplianceHandlers = {
    'customers/data_request': (payload) => void handled.push(payload),
    'customers/redact': (payload) => void handled.push(payload),
    'shop/redact': (payload) => void handled.push(payload),
  };
  const webhooks = createShopifyWebhookProcessor({
    secrets: [secret],
    handlers: {
      'orders/create': (payload) => void handled.push(payload),
      'inventory_levels/update': (payload) => void handled.push(payload),
      'products/update': (payload) => void handled.push(payload),
      'app/uninstalled': (payload) => void handled.push(payload),
    },
    compliance,
    onInvalidPayload: (failure) => void invalid.push(failure),
    context: { clock, store: new MemoryStore({ clock }) },
  });
  const send = async (topic: string, payload: unknown, eventId?: string) =>
    webhooks.receive(
      'shopify',
      await signShopifyTestRequest({ topic, payload, secret, ...(eventId ? { eventId } : {}) }),
    );
  return { webhooks, send, handled, invalid };
}

describe('typed Shopify webhook payloads are checked, not cast', () => {
  it('hands the handler the checked payload, Shopify fields it does not type included', async () => {
    const { send, handled } = processor();
    expect((await send('orders/create', order)).status).toBe('processed');
    expect(handled).toEqual([order]);
  });

  const hostile: [string, string, unknown, string][] = [
    ['orders/create', 'a total that is a float', { ...order, total_price: 24.95 }, 'total_price'],
    [
      'orders/create',
      'a price in words',
      { ...order, line_items: [{ ...order.line_items[0], price: 'ten' }] },
      'line_items.0.price',
    ],
    ['orders/create', 'line items missing', { ...order, line_items: undefined }, 'line_items'],
    [
      'orders/create',
      'a negative quantity',
      { ...order, line_items: [{ ...order.line_items[0], quantity: -2 }] },
      'line_items.0.quantity',
    ],
    ['orders/create', 'a non-ISO currency', { ...order, currency: 'euro' }, 'currency'],
    ['orders/create', 'an array instead of an object', [order], ''],
    ['orders/create', 'null', null, ''],
    [
      'inventory_levels/update',
      'available as a string',
      { inventory_item_id: 1, location_id: 2, available: '5', updated_at: '2026-11-22T10:00:00Z' },
      'available',
    ],
    [
      'products/update',
      'a variant without an id',
      { id: 7, variants: [{ sku: 'A', price: '1.00', inventory_item_id: 2 }] },
      'variants.0.id',
    ],
    ['app/uninstalled', 'no shop domain', { id: 5, name: 'Acme', domain: 'acme.com' }, 'myshopify_domain'],
    [
      'customers/redact',
      'orders to redact as a string',
      {
        shop_id: 1,
        shop_domain: 'acme.myshopify.com',
        customer: { id: 1, email: null, phone: null },
        orders_to_redact: '1,2',
      },
      'orders_to_redact',
    ],
  ];
  for (const [topic, what, payload, path] of hostile) {
    it(`${topic} with ${what}: the handler does not run; the event is dead-lettered with reason invalid_payload`, async () => {
      const { webhooks, send, handled, invalid } = processor();
      const outcome = await send(topic, payload, `evt-${what}`);
      expect(outcome).toMatchObject({ status: 'dead_lettered', topic });
      expect(handled).toEqual([]);
      expect(invalid).toHaveLength(1);
      expect(invalid[0]).toMatchObject({ reason: 'invalid_payload', platform: 'shopify', topic });
      expect(invalid[0]!.issues.map((issue) => issue.path.join('.'))).toContain(path);
      const [letter] = await webhooks.listDeadLetters();
      expect(letter).toMatchObject({ reason: 'invalid_payload', attempts: 1, event: { topic } });
      expect(letter!.lastError).toMatch(/not the shape of its topic/);
      // Nothing is retried: a retry pass finds no work.
      expect(await webhooks.runDueRetries()).toEqual({ attempted: 0, succeeded: 0, deadLettered: 0 });
    });
  }

  it('leaves payload values out of the failure (an email in a wrong place is not echoed)', async () => {
    const { send, invalid } = processor();
    await send('orders/create', { ...order, name: 'jon@example.com', total_price: 'jon@example.com' });
    expect(JSON.stringify(invalid)).not.toContain('jon@example.com');
  });

  it('refuses a handler for a topic it does not type, naming it', () => {
    expect(() => shopifyWebhookRoutes({ 'carts/create': () => {} } as never)).toThrow(ValidationError);
  });

  it('builds each schema once, on first use', () => {
    expect(shopifyWebhookSchema('orders/create')).toBe(shopifyWebhookSchema('orders/paid'));
  });
});
