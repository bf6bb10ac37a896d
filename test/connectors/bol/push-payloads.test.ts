import { describe, expect, it } from 'vitest';
import {
  BOL_PUSH_RESOURCES,
  bolPushEventSchema,
  bolPushRoutes,
  createBolVerifier,
  parseBolPushEvent,
  type BolPushEvent,
} from '../../../src/connectors/bol/index.js';
import { ValidationError } from '../../../src/core/errors/validation-error.js';
import { WebhookPayloadError } from '../../../src/core/errors/webhook-payload-error.js';
import { webhookKeys } from '../../../src/webhooks/processor/keys.js';
import { createWebhookProcessor, type WebhookPayloadFailure } from '../../../src/webhooks/index.js';
import { readJsonSpec } from '../../fixtures/specs.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

// The push messages of bol.com's Retailer API documentation ("Subscriptions"): the retailer id
// is a number there.
const processStatusExample = {
  retailerId: 1234567,
  timestamp: '2020-02-02T23:23:23+01:00',
  event: { resource: 'PROCESS_STATUS', type: 'SUCCESS', resourceId: '1234567' },
};
const shipmentExample = {
  retailerId: 1234567,
  timestamp: '2020-02-02T23:23:23+01:00',
  event: { resource: 'SHIPMENT', type: 'UPDATE_TRANSPORT_EVENT', resourceId: '1234567890' },
};

function world(options: { failFirst?: boolean } = {}) {
  const h = setup({ server });
  const handled: { resource: string; pushed: unknown }[] = [];
  const invalid: WebhookPayloadFailure[] = [];
  let fail = options.failFirst ?? false;
  const record = (resource: string) => (pushed: unknown) => {
    handled.push({ resource, pushed });
    if (fail) {
      fail = false;
      throw new Error('downstream unavailable');
    }
  };
  const processor = createWebhookProcessor({
    verifiers: [
      createBolVerifier({ fetchKeys: (signal) => h.bol.notifications.signatureKeys(signal), clock: h.clock }),
    ],
    routes: bolPushRoutes(
      { PROCESS_STATUS: record('PROCESS_STATUS'), SHIPMENT: record('SHIPMENT'), TEST: record('TEST') },
      {
        untyped: { ORDER: (pushed: BolPushEvent) => record('ORDER')(pushed) },
        onInvalidPayload: (failure) => void invalid.push(failure),
      },
    ),
    context: { store: h.store, clock: h.clock },
    retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 1000 },
    random: () => 1,
  });
  const send = async (body: unknown) => {
    const signed = await h.simulator.signedPush(body as never);
    return h.run(() => processor.receive('bol', signed));
  };
  return { h, processor, handled, invalid, send };
}

const withEvent = (body: typeof processStatusExample, event: Record<string, unknown>) => ({
  ...body,
  event: { ...body.event, ...event },
});

describe('bol.com push payloads are checked, not cast', () => {
  it("the documentation's process status and shipment messages reach their handlers checked, ids as strings", async () => {
    const { send, handled } = world();
    expect(await send(processStatusExample)).toMatchObject({ status: 'processed', topic: 'PROCESS_STATUS' });
    expect(await send({ ...shipmentExample, extra: { kept: true } })).toMatchObject({
      status: 'processed',
      topic: 'SHIPMENT',
    });
    expect(handled).toEqual([
      { resource: 'PROCESS_STATUS', pushed: { ...processStatusExample, retailerId: '1234567' } },
      { resource: 'SHIPMENT', pushed: { ...shipmentExample, retailerId: '1234567', extra: { kept: true } } },
    ]);
  });

  it("the simulator's pushes of a real write and of a test message pass their schemas", async () => {
    const { h, send, handled } = world();
    const offer = h.simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    await h.run(async () => {
      const subscription = await h.bol.notifications.create({
        resources: ['PROCESS_STATUS'],
        url: 'https://app.example.com/webhooks/bol',
        subscriptionType: 'WEBHOOK',
      });
      await h.bol.setInventory([{ sku: offer.ean, quantity: 3 }]);
      await h.bol.notifications.test(subscription.id);
    });
    const pushes = h.simulator.outbox.map((push) => push.body);
    for (const body of pushes) expect(await send(body)).toMatchObject({ status: 'processed' });
    expect(handled.map((entry) => entry.resource)).toEqual(pushes.map((body) => body.event.resource));
    expect(handled.map((entry) => entry.resource)).toContain('TEST');
  });

  const canary = 'eyJhbGciOiJSUzI1NiJ9.secret-canary';
  const hostile: [string, unknown, string][] = [
    ['a process status type bol.com does not push', withEvent(processStatusExample, { type: 'PENDING' }), 'event.type'],
    ['a token where the type goes', withEvent(processStatusExample, { type: canary }), 'event.type'],
    ['no process status id', withEvent(processStatusExample, { resourceId: undefined }), 'event.resourceId'],
    ['an empty process status id', withEvent(processStatusExample, { resourceId: '' }), 'event.resourceId'],
    ['a shipment event of another type', withEvent(shipmentExample, { type: 'SUCCESS' }), 'event.type'],
    ['no shipment id', withEvent(shipmentExample, { resourceId: '' }), 'event.resourceId'],
  ];
  for (const [what, body, path] of hostile) {
    it(`${what}: the handler does not run; the event is dead-lettered with reason invalid_payload`, async () => {
      const { processor, send, handled, invalid } = world();
      expect(await send(body)).toMatchObject({ status: 'dead_lettered' });
      expect(handled).toEqual([]);
      expect(invalid).toHaveLength(1);
      expect(invalid[0]).toMatchObject({ reason: 'invalid_payload', platform: 'bol' });
      expect(invalid[0]!.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
      const [letter] = await processor.listDeadLetters();
      expect(letter).toMatchObject({ reason: 'invalid_payload', attempts: 1 });
      expect(letter!.lastError).toMatch(/not the shape of its topic/);
      expect(`${letter!.lastError} ${JSON.stringify(invalid)}`).not.toContain(canary);
      expect(await processor.runDueRetries()).toEqual({ attempted: 0, succeeded: 0, deadLettered: 0 });
    });
  }

  it('a route throws a WebhookPayloadError with the path and without the value', async () => {
    const routes = bolPushRoutes({ PROCESS_STATUS: () => expect.unreachable('the handler ran') });
    const error = await Promise.resolve(
      routes.bol!.PROCESS_STATUS!({
        platform: 'bol',
        topic: 'PROCESS_STATUS',
        eventId: 'e-1',
        payload: withEvent(processStatusExample, { type: canary }),
        tenantId: 'default',
        receivedAt: 0,
        attempt: 1,
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect((error as WebhookPayloadError).issues.map((issue) => issue.path.join('.'))).toEqual(['event.type']);
    expect((error as WebhookPayloadError).message).toMatch(/event\.type/);
    expect((error as WebhookPayloadError).message).not.toContain(canary);
  });

  it('re-checks the stored payload on a retry: one that fails its schema there is dead-lettered, the handler never sees it', async () => {
    const { h, processor, send, handled, invalid } = world({ failFirst: true });
    expect(await send(processStatusExample)).toMatchObject({ status: 'queued' });
    const keys = webhookKeys('default');
    const [retryKey] = await h.store.list(keys.retryPrefix);
    expect(retryKey).toBeDefined();
    // The stored body is changed behind the processor's back (another writer, a bad migration).
    await h.store.set(retryKey!, JSON.stringify(withEvent(processStatusExample, { resourceId: null })));
    await h.clock.advance(1000);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 0, deadLettered: 1 });
    expect(handled.map((entry) => entry.pushed)).toEqual([{ ...processStatusExample, retailerId: '1234567' }]);
    expect(invalid.map((failure) => failure.issues.map((issue) => issue.path.join('.')))).toEqual([
      ['event.resourceId'],
    ]);
    expect(await processor.listDeadLetters()).toMatchObject([{ reason: 'invalid_payload', attempts: 2 }]);
  });

  it('an untyped resource passes with its envelope checked; a broken envelope is rejected before anything is stored', async () => {
    const { h, send, handled } = world();
    const order = withEvent(processStatusExample, { resource: 'ORDER', type: 'NEW', resourceId: 'A2K8290LP8' });
    expect(await send(order)).toMatchObject({ status: 'processed', topic: 'ORDER' });
    expect(handled).toEqual([{ resource: 'ORDER', pushed: { ...order, retailerId: '1234567' } }]);
    const before = (await h.store.list('webhooks:')).length;
    for (const broken of [
      { ...processStatusExample, timestamp: 'yesterday' },
      { ...processStatusExample, retailerId: { id: 1 } },
      withEvent(processStatusExample, { resource: '' }),
      withEvent(processStatusExample, { resourceId: { id: 1 } }),
      withEvent(processStatusExample, { resourceId: 12.5 }),
      { retailerId: '1', timestamp: processStatusExample.timestamp },
    ]) {
      expect(await send(broken)).toMatchObject({ status: 'rejected', reason: 'malformed_body' });
    }
    expect(await h.store.list('webhooks:')).toHaveLength(before);
    expect(parseBolPushEvent({ ...processStatusExample, timestamp: 'yesterday' })._unsafeUnwrapErr().message).toMatch(
      /timestamp: Expected an ISO 8601 timestamp/,
    );
  });

  it('refuses handlers in the wrong place, naming each', () => {
    const error = (() => {
      try {
        bolPushRoutes({ ORDER: () => {} } as never, { untyped: { SHIPMENT: () => {} } });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([['ORDER'], ['untyped', 'SHIPMENT']]);
  });

  it("types only resources the Retailer API's subscriptions list", () => {
    const spec = readJsonSpec<{
      components: { schemas: { SubscriptionResponse: { properties: { resources: { items: { enum: string[] } } } } } };
    }>('bol-retailer/retailer.json');
    const listed = spec.components.schemas.SubscriptionResponse.properties.resources.items.enum;
    expect(listed.length).toBeGreaterThan(0);
    for (const resource of BOL_PUSH_RESOURCES) expect(listed).toContain(resource);
  });

  it('builds each schema once, on first use', () => {
    expect(bolPushEventSchema('SHIPMENT')).toBe(bolPushEventSchema('SHIPMENT'));
  });
});
