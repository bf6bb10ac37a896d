import { afterEach, describe, expect, it } from 'vitest';
import {
  createShopifyWebhookProcessor,
  fromGraphqlTopic,
  SHOPIFY_COMPLIANCE_TOPICS,
  SHOPIFY_WEBHOOK_TOPICS,
  toGraphqlTopic,
  type ShopifyComplianceHandlers,
  type ShopifyOrderWebhook,
} from '../../../src/connectors/shopify/index.js';
import { webhookHttpResponse } from '../../../src/webhooks/http.js';
import { EventBus } from '../../../src/core/events.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { signShopifyTestRequest } from '../../../src/testing/index.js';
import { createHarness, type Harness } from './harness.js';

const secret = 'app-secret';

describe('webhooks', () => {
  it('verifies the HMAC, routes by topic to typed handlers and deduplicates by X-Shopify-Event-Id', async () => {
    const clock = new FakeClock();
    const events = new EventBus();
    const received: string[] = [];
    const uninstalled: string[] = [];
    const processor = createShopifyWebhookProcessor({
      secrets: [secret],
      handlers: {
        'orders/create': (order: ShopifyOrderWebhook) => {
          received.push(`${order.admin_graphql_api_id} ${order.line_items[0]!.sku}`);
        },
        'app/uninstalled': (shop) => {
          uninstalled.push(shop.myshopify_domain);
        },
      },
      context: { clock, events, store: new MemoryStore({ clock }) },
    });
    const order = {
      id: 1,
      admin_graphql_api_id: 'gid://shopify/Order/1',
      name: '#1001',
      created_at: '2026-11-22T10:00:00Z',
      updated_at: '2026-11-22T10:00:00Z',
      cancelled_at: null,
      currency: 'EUR',
      total_price: '10.00',
      subtotal_price: '10.00',
      total_tax: '0.00',
      financial_status: 'paid',
      fulfillment_status: null,
      line_items: [
        { id: 9, sku: 'A-1', title: 'Tee', quantity: 1, price: '10.00', fulfillable_quantity: 1, variant_id: 3 },
      ],
    };
    const delivery = await signShopifyTestRequest({ topic: 'orders/create', payload: order, secret, eventId: 'evt-1' });
    expect(await processor.receive('shopify', delivery)).toMatchObject({
      status: 'processed',
      topic: 'orders/create',
      eventId: 'evt-1',
    });
    expect(await processor.receive('shopify', delivery)).toMatchObject({ status: 'duplicate' });
    expect(received).toEqual(['gid://shopify/Order/1 A-1']);

    const uninstall = await signShopifyTestRequest({
      topic: 'app/uninstalled',
      payload: { id: 5, name: 'Acme', domain: 'acme.com', myshopify_domain: 'acme.myshopify.com' },
      secret,
    });
    expect((await processor.receive('shopify', uninstall)).status).toBe('processed');
    expect(uninstalled).toEqual(['acme.myshopify.com']);

    const forged = await signShopifyTestRequest({ topic: 'orders/create', payload: order, secret: 'someone-else' });
    expect(await processor.receive('shopify', forged)).toMatchObject({
      status: 'rejected',
      reason: 'signature_mismatch',
    });
    const unrouted = await signShopifyTestRequest({ topic: 'carts/create', payload: { id: 3 }, secret });
    expect((await processor.receive('shopify', unrouted)).status).toBe('unrouted');
  });

  it('maps REST topics to GraphQL subscription topics and back', () => {
    expect(toGraphqlTopic('inventory_levels/update')).toBe('INVENTORY_LEVELS_UPDATE');
    expect(fromGraphqlTopic('INVENTORY_LEVELS_UPDATE')).toBe('inventory_levels/update');
    expect(fromGraphqlTopic('APP_UNINSTALLED')).toBe('app/uninstalled');
    expect(fromGraphqlTopic('CARTS_CREATE')).toBe('carts/create');
  });
});

describe('mandatory compliance webhooks', () => {
  const payloads = {
    'customers/data_request': {
      shop_id: 954889,
      shop_domain: 'sim-shop.myshopify.com',
      orders_requested: [299938, 280263],
      customer: { id: 191167, email: 'john@example.com', phone: '555-625-1199' },
      data_request: { id: 9999 },
    },
    'customers/redact': {
      shop_id: 954889,
      shop_domain: 'sim-shop.myshopify.com',
      customer: { id: 191167, email: 'john@example.com', phone: '555-625-1199' },
      orders_to_redact: [299938],
    },
    'shop/redact': { shop_id: 954889, shop_domain: 'sim-shop.myshopify.com' },
  };

  it('routes customers/data_request, customers/redact and shop/redact to typed handlers; a bad HMAC is answered 401', async () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    const compliance: ShopifyComplianceHandlers = {
      'customers/data_request': (request) => {
        seen.push(
          `export ${request.shop_domain} customer ${request.customer.id} orders ${request.orders_requested.join(',')} request ${request.data_request.id}`,
        );
      },
      'customers/redact': (request) => {
        seen.push(
          `redact ${request.shop_domain} customer ${request.customer.email} orders ${request.orders_to_redact.join(',')}`,
        );
      },
      'shop/redact': (request) => {
        seen.push(`forget ${request.shop_domain} (${request.shop_id})`);
      },
    };
    const processor = createShopifyWebhookProcessor({
      secrets: [secret],
      handlers: {},
      compliance,
      context: { clock, store: new MemoryStore({ clock }) },
    });
    for (const topic of SHOPIFY_COMPLIANCE_TOPICS) {
      const outcome = await processor.receive(
        'shopify',
        await signShopifyTestRequest({ topic, payload: payloads[topic], secret }),
      );
      expect(webhookHttpResponse(outcome).status).toBe(200);
    }
    expect(seen).toEqual([
      'export sim-shop.myshopify.com customer 191167 orders 299938,280263 request 9999',
      'redact sim-shop.myshopify.com customer john@example.com orders 299938',
      'forget sim-shop.myshopify.com (954889)',
    ]);
    const forged = await processor.receive(
      'shopify',
      await signShopifyTestRequest({
        topic: 'customers/redact',
        payload: payloads['customers/redact'],
        secret: 'not-the-app-secret',
      }),
    );
    expect(webhookHttpResponse(forged).status).toBe(401);
    expect(seen).toHaveLength(3);
  });

  it('refuses, at construction and all at once, compliance handlers with a topic missing', () => {
    const partial = { 'customers/redact': () => {} } as unknown as ShopifyComplianceHandlers;
    let error: unknown;
    try {
      createShopifyWebhookProcessor({ secrets: [secret], handlers: {}, compliance: partial });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: ['compliance', 'customers/data_request'] }, { path: ['compliance', 'shop/redact'] }],
    });
  });

  it('compliance topics are not subscribable topics: they are declared in the app configuration', () => {
    for (const topic of SHOPIFY_COMPLIANCE_TOPICS) expect(SHOPIFY_WEBHOOK_TOPICS).not.toContain(topic);
  });
});

describe('webhook subscriptions', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('creates, lists, deletes and ensures subscriptions', async () => {
    h = createHarness();
    const uri = 'https://app.example/webhooks/shopify';
    const first = await h.clock.drive(() => h.shopify.webhooks.ensure(uri, ['orders/create', 'app/uninstalled']));
    expect(first).toEqual({ created: ['orders/create', 'app/uninstalled'], deleted: [], kept: [] });
    const second = await h.clock.drive(() =>
      h.shopify.webhooks.ensure(uri, ['orders/create', 'inventory_levels/update']),
    );
    expect(second).toEqual({
      created: ['inventory_levels/update'],
      deleted: ['app/uninstalled'],
      kept: ['orders/create'],
    });
    const listed = await h.clock.drive(() => h.shopify.webhooks.list());
    expect(listed.map((subscription) => subscription.topic).sort()).toEqual([
      'inventory_levels/update',
      'orders/create',
    ]);
    expect(await h.clock.drive(() => h.shopify.webhooks.unsubscribe(listed[0]!.id))).toBe(true);
    expect(await h.clock.drive(() => h.shopify.webhooks.unsubscribe(listed[0]!.id))).toBe(false);
    await expect(
      h.clock.drive(() => h.shopify.webhooks.subscribe('orders/create', 'http://insecure.example')),
    ).rejects.toMatchObject({ platform: 'shopify' });
  });

  it('ensure is idempotent for GraphQL topic names and mixed spellings: a second call creates and deletes nothing', async () => {
    h = createHarness();
    const uri = 'https://app.example/webhooks/shopify';
    const writes = () =>
      h.requests.filter((request) => /webhookSubscription(Create|Delete)/.test(request.query)).length;
    const first = await h.clock.drive(() =>
      h.shopify.webhooks.ensure(uri, ['ORDERS_CREATE', 'INVENTORY_LEVELS_UPDATE']),
    );
    expect(first).toEqual({ created: ['orders/create', 'inventory_levels/update'], deleted: [], kept: [] });
    const afterFirst = writes();
    expect(afterFirst).toBe(2);
    const ids = (await h.clock.drive(() => h.shopify.webhooks.list())).map((subscription) => subscription.id).sort();
    const second = await h.clock.drive(() =>
      h.shopify.webhooks.ensure(uri, ['ORDERS_CREATE', 'INVENTORY_LEVELS_UPDATE']),
    );
    expect(second).toEqual({ created: [], deleted: [], kept: ['orders/create', 'inventory_levels/update'] });
    const mixed = await h.clock.drive(() =>
      h.shopify.webhooks.ensure(uri, ['orders/create', 'INVENTORY_LEVELS_UPDATE', 'ORDERS_CREATE']),
    );
    expect(mixed).toEqual({ created: [], deleted: [], kept: ['orders/create', 'inventory_levels/update'] });
    expect(writes()).toBe(afterFirst);
    expect(
      (await h.clock.drive(() => h.shopify.webhooks.list())).map((subscription) => subscription.id).sort(),
    ).toEqual(ids);
  });
});

describe('webhook payloads to the canonical model', () => {
  it('maps an orders/create payload exactly', async () => {
    const { orderFromWebhook } = await import('../../../src/connectors/shopify/index.js');
    const payload = {
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
      total_shipping_price_set: { shop_money: { amount: '4.95', currency_code: 'EUR' } },
      email: 'jon@example.com',
      customer: { first_name: 'Jon', last_name: 'Doe' },
      shipping_address: {
        name: 'Jon Doe',
        address1: 'Damrak 1',
        city: 'Amsterdam',
        zip: '1012 LG',
        country_code: 'NL',
        province_code: null,
        address2: null,
        company: null,
        phone: null,
      },
      line_items: [
        {
          id: 466157049,
          sku: 'A-1',
          title: 'Tee',
          quantity: 2,
          price: '10.00',
          fulfillable_quantity: 2,
          variant_id: 1,
        },
      ],
    };
    const order = orderFromWebhook(payload)._unsafeUnwrap();
    expect(order).toMatchObject({
      id: '820982911946154500',
      status: 'unshipped',
      totals: { total: { amountMinor: 2495 }, shipping: { amountMinor: 495 } },
      buyer: { name: 'Jon Doe' },
      shippingAddress: { countryCode: 'NL' },
    });
    expect(order.lineItems[0]).toMatchObject({
      id: '466157049',
      quantity: 2,
      quantityShipped: 0,
      unitPrice: { amountMinor: 1000, currency: 'EUR' },
    });
    expect(orderFromWebhook({ ...payload, total_price: '24.955' }).isErr()).toBe(true);
  });
});
