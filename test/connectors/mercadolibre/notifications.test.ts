import { describe, expect, it } from 'vitest';
import {
  createMercadoLibreNotifications,
  mercadolibreHttpResponse,
  type MercadoLibreResourceEvent,
} from '../../../src/connectors/mercadolibre/index.js';
import { mercadoLibreTestRequest } from '../../../src/testing/index.js';
import { setup, useMsw } from './harness.js';
import { notificationSchema } from '../../../src/connectors/mercadolibre/notifications/notification-schema.js';

const server = useMsw();

function world(options: { failFirst?: boolean } = {}) {
  const context = setup(server);
  const { simulator, clock, store, make } = context;
  const fetched: string[] = [];
  let hold: Promise<void> | undefined;
  const counting: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (/^\/(orders|items|shipments|questions)\/[^/]+$/.test(path)) {
      fetched.push(path);
      if (hold) await hold;
    }
    return simulator.fetch(request);
  };
  const ml = make({}, { fetch: counting });
  const events: MercadoLibreResourceEvent[] = [];
  let failures = options.failFirst ? 1 : 0;
  const background: Promise<unknown>[] = [];
  const notifications = createMercadoLibreNotifications({
    applicationId: simulator.applicationId,
    sellers: [ml],
    handlers: {
      orders_v2: (event) => {
        if (failures-- > 0) throw new Error('database down');
        events.push(event);
      },
      '*': (event) => void events.push(event),
    },
    context: { clock, store },
    waitUntil: (work) => void background.push(work),
  });
  return {
    ...context,
    ml,
    fetched,
    events,
    notifications,
    background,
    holdFetches: (until: Promise<void>) => (hold = until),
  };
}

describe('receiving notifications', () => {
  it('answers 200 at once, then fetches the resource and hands it to the handler, even while MercadoLibre is slow', async () => {
    const { simulator, clock, notifications, events, background, fetched, holdFetches } = world();
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 3, sku: 'MUG-1' });
    const order = simulator.catalog.placeOrder({ itemId: item.id, shipping: 'me1' });
    let release!: () => void;
    holdFetches(new Promise<void>((resolve) => (release = resolve)));
    const [delivery] = simulator.takeDeliveries();
    const outcome = await notifications.receive(delivery!);
    expect(outcome).toMatchObject({ status: 'queued', topic: 'orders_v2' });
    expect(mercadolibreHttpResponse(outcome).status).toBe(200);
    expect(events).toHaveLength(0);
    release();
    await clock.drive(() => Promise.all(background));
    expect(fetched).toEqual([`/orders/${order.id}`]);
    expect(events[0]).toMatchObject({
      topic: 'orders_v2',
      resource: `/orders/${order.id}`,
      sellerId: String(simulator.sellerId),
      gone: false,
      attempt: 1,
      order: { id: String(order.id), status: 'unshipped' },
    });
  });

  it('a failing handler goes through the processor’s retry path; a repeated delivery is a duplicate', async () => {
    const { simulator, clock, notifications, events, background } = world({ failFirst: true });
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 3, sku: 'MUG-1' });
    simulator.catalog.placeOrder({ itemId: item.id });
    const [delivery] = simulator.takeDeliveries();
    await notifications.receive(delivery!);
    await clock.drive(() => Promise.all(background));
    expect(events).toHaveLength(0);
    expect(await notifications.receive(delivery!)).toMatchObject({ status: 'duplicate' });
    await clock.advance(60_000);
    const summary = await clock.drive(() => notifications.runDueRetries());
    expect(summary).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(events.map((event) => event.attempt)).toEqual([2]);
  });

  it('the schema handlers are checked with (also on retries, which read the payload back from the store) refuses hostile bodies', () => {
    const good = { resource: '/orders/1', user_id: 468424240, topic: 'orders_v2', application_id: '5503910054141466' };
    expect(notificationSchema().safeParse(good).success).toBe(true);
    for (const hostile of [
      { ...good, user_id: [468424240] },
      { ...good, resource: '../admin' },
      { ...good, topic: '' },
      { ...good, application_id: 1.5 },
      { ...good, attempts: -1 },
      null,
      [good],
    ]) {
      expect(notificationSchema().safeParse(hostile).success, JSON.stringify(hostile)).toBe(false);
    }
    expect(notificationSchema()).toBe(notificationSchema());
  });

  it('refuses, without any call, notifications for another application, sellers not connected and malformed bodies (answering 200 to all but the malformed, so MercadoLibre keeps the topic on)', async () => {
    const { simulator, notifications, fetched } = world();
    const other = mercadoLibreTestRequest({ applicationId: '999', resource: '/orders/1', userId: simulator.sellerId });
    const stranger = mercadoLibreTestRequest({
      applicationId: simulator.applicationId,
      resource: '/orders/1',
      userId: 42,
    });
    const outcomes = await Promise.all(
      [other, stranger, { headers: {}, body: '{"resource": 1' }].map((request) => notifications.receive(request)),
    );
    expect(outcomes.map((outcome) => outcome.status === 'rejected' && outcome.reason)).toEqual([
      'wrong_application',
      'resource_not_confirmed',
      'malformed_body',
    ]);
    expect(outcomes.map((outcome) => mercadolibreHttpResponse(outcome).status)).toEqual([200, 200, 400]);
    expect(fetched).toEqual([]);
  });

  it('items, shipments and other topics: the canonical product, the shipment, the resource as sent, or gone', async () => {
    const { simulator, clock, notifications, events, background } = world();
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 3, sku: 'MUG-1' });
    const order = simulator.catalog.placeOrder({ itemId: item.id, shipping: 'me1' });
    simulator.catalog.addResource('/questions/5036111111', { id: 5036111111, text: '¿Hay stock?' });
    simulator.takeDeliveries();
    for (const [topic, resource] of [
      ['items', `/items/${item.id}`],
      ['shipments', `/shipments/${order.shipping!.id}`],
      ['questions', '/questions/5036111111'],
      ['items', '/items/MLA404'],
    ] as const) {
      simulator.notify(topic, resource);
    }
    for (const delivery of simulator.takeDeliveries()) await notifications.receive(delivery);
    await clock.drive(() => Promise.all(background));
    expect(
      events.map((event) => [
        event.topic,
        event.gone,
        event.product?.offers[0]?.sku ?? event.shipment?.status ?? (event.data as { text?: string } | undefined)?.text,
      ]),
    ).toEqual([
      ['items', false, 'MUG-1'],
      ['shipments', false, 'ready_to_ship'],
      ['questions', false, '¿Hay stock?'],
      ['items', true, undefined],
    ]);
  });
});

describe('recovering missed feeds', () => {
  it('processes each changed resource once, skipping what was already processed, and nothing on the next run', async () => {
    const { simulator, clock, notifications, events, background, fetched } = world();
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 50, sku: 'MUG-1' });
    // A: three changes, every notification missed.
    const a = simulator.catalog.placeOrder({ itemId: item.id, missed: true });
    await clock.advance(1000);
    simulator.notify('orders_v2', `/orders/${a.id}`, { missed: true });
    await clock.advance(1000);
    simulator.notify('orders_v2', `/orders/${a.id}`, { missed: true });
    // B: delivered and processed, but the acknowledgement was lost, so it is also a missed feed.
    const b = simulator.catalog.placeOrder({ itemId: item.id });
    const [deliveryB] = simulator.takeDeliveries();
    await notifications.receive(deliveryB!);
    await clock.drive(() => Promise.all(background));
    simulator.state.missedFeeds.push({ ...JSON.parse(String(deliveryB!.body)), attempts: 8 });
    // C: an older change processed live, a newer one missed.
    const c = simulator.catalog.placeOrder({ itemId: item.id });
    const [deliveryC] = simulator.takeDeliveries();
    await notifications.receive(deliveryC!);
    await clock.drive(() => Promise.all(background));
    await clock.advance(1000);
    simulator.notify('orders_v2', `/orders/${c.id}`, { missed: true });
    fetched.length = 0;
    events.length = 0;

    const summary = await clock.drive(() => notifications.recoverMissedFeeds());
    expect(summary).toEqual({ read: 5, resources: 3, processed: 2, duplicates: 1, rejected: 0 });
    expect(fetched.sort()).toEqual([`/orders/${a.id}`, `/orders/${c.id}`].sort());
    expect(events.map((event) => event.resource).sort()).toEqual([`/orders/${a.id}`, `/orders/${c.id}`].sort());

    const again = await clock.drive(() => notifications.recoverMissedFeeds());
    expect(again).toMatchObject({ read: 5, processed: 0, duplicates: 3 });
    expect(fetched).toHaveLength(2);
    void b;
  });

  it('reads page by page and per topic, and ignores notifications older than MercadoLibre keeps', async () => {
    const { simulator, clock, notifications, events } = world();
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 500, sku: 'MUG-1' });
    simulator.notify('items', `/items/${item.id}`, { missed: true });
    await clock.advance(3 * 24 * 3600_000);
    for (let i = 0; i < 120; i++) simulator.catalog.placeOrder({ itemId: item.id, missed: true });
    const summary = await clock.drive(() => notifications.recoverMissedFeeds({ topics: ['orders_v2', 'items'] }));
    expect(summary).toMatchObject({ read: 120, resources: 120, processed: 120 });
    expect(events.every((event) => event.topic === 'orders_v2')).toBe(true);
    expect(simulator.stats().resources.notifications!.calls).toBe(3 + 1);
  });
});

describe('deliveries without an _id', () => {
  it('are deduplicated by topic, resource and sending time, live and in the missed feeds alike', async () => {
    const { simulator, clock, notifications, events, background } = world();
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 5, sku: 'MUG-1' });
    simulator.catalog.placeOrder({ itemId: item.id });
    const [delivery] = simulator.takeDeliveries();
    const { _id, ...withoutId } = JSON.parse(String(delivery!.body)) as Record<string, unknown>;
    expect(await notifications.receive({ headers: {}, body: JSON.stringify(withoutId) })).toMatchObject({
      status: 'queued',
    });
    await clock.drive(() => Promise.all(background));
    simulator.state.missedFeeds.push({ ...(withoutId as Record<string, never>), _id: String(_id) } as never);
    expect(await clock.drive(() => notifications.recoverMissedFeeds())).toMatchObject({ processed: 0, duplicates: 1 });
    expect(events).toHaveLength(1);
  });
});
