import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  AMAZON_NOTIFICATION_TYPES,
  amazonNotificationRoutes,
  amazonNotificationSchema,
  parseAmazonNotification,
  type AmazonNotificationHandlers,
  type AmazonNotificationType,
  type AmazonUntypedNotification,
} from '../../../src/connectors/amazon/index.js';
import { ValidationError } from '../../../src/core/errors/validation-error.js';
import { WebhookPayloadError } from '../../../src/core/errors/webhook-payload-error.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { createAmazonNotificationVerifier } from '../../../src/streams/sqs.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { webhookKeys } from '../../../src/webhooks/processor/keys.js';
import { createWebhookProcessor, type WebhookPayloadFailure } from '../../../src/webhooks/index.js';
import { readJsonSpec } from '../../fixtures/specs.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => void;

interface JsonSchema {
  type?: string | string[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  examples?: unknown[];
}

/** Amazon's notification schema of a type, and a validator compiled from it. */
function spec(file: string) {
  const json = readJsonSpec<JsonSchema>(`amazon-sp-api/${file}.json`);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // The notification schemas reuse `$id`s inside one document; ids play no part in validation.
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([key]) => key !== '$id')
              .map(([key, inner]) => [key, strip(inner)]),
          )
        : value;
  return { json, validate: ajv.compile(strip(json) as object) };
}

const clone = <T>(value: T): T => structuredClone(value);

// The FBA schema carries an example of its payload only: it goes into an envelope like the others'.
const fbaSpec = spec('FBAInventoryAvailabilityChangeNotification');
const fbaDocument = {
  NotificationVersion: '1.0',
  NotificationType: 'FBA_INVENTORY_AVAILABILITY_CHANGES',
  PayloadVersion: '1.0',
  EventTime: '2026-01-01T00:00:00.000Z',
  Payload: fbaSpec.json.properties!.Payload!.examples![0],
  NotificationMetadata: {
    ApplicationId: 'amzn1.sellerapps.app.example',
    SubscriptionId: 'sub-fba',
    PublishTime: '2026-01-01T00:00:00.000Z',
    NotificationId: 'n-fba',
  },
};
const statusSpec = spec('ListingsItemStatusChangeNotification');

/** Per typed type: the schema file, a document valid against it (its own example), its validator. */
const samples: Record<
  AmazonNotificationType,
  { document: Record<string, unknown>; validate: (v: unknown) => boolean }
> = {
  ORDER_CHANGE: sample('OrderChangeNotification'),
  LISTINGS_ITEM_MFN_QUANTITY_CHANGE: sample('ListingsItemMfnQuantityChange'),
  FBA_INVENTORY_AVAILABILITY_CHANGES: { document: fbaDocument, validate: fbaSpec.validate },
  FEED_PROCESSING_FINISHED: sample('FeedProcessingFinishedNotification'),
  REPORT_PROCESSING_FINISHED: sample('ReportProcessingFinishedNotification'),
  // Its example says LISTINGS_ITEM_STATUS_CHANGE, its enumeration ..._CHANGED: the schema-valid spelling.
  LISTINGS_ITEM_STATUS_CHANGE: {
    document: {
      ...(statusSpec.json.examples![0] as Record<string, unknown>),
      NotificationType: 'LISTINGS_ITEM_STATUS_CHANGED',
    },
    validate: statusSpec.validate,
  },
};

function sample(file: string) {
  const { json, validate } = spec(file);
  return { document: json.examples![0] as Record<string, unknown>, validate };
}

const schemaFiles: Record<AmazonNotificationType, JsonSchema> = {
  ORDER_CHANGE: spec('OrderChangeNotification').json,
  LISTINGS_ITEM_MFN_QUANTITY_CHANGE: spec('ListingsItemMfnQuantityChange').json,
  FBA_INVENTORY_AVAILABILITY_CHANGES: fbaSpec.json,
  FEED_PROCESSING_FINISHED: spec('FeedProcessingFinishedNotification').json,
  REPORT_PROCESSING_FINISHED: spec('ReportProcessingFinishedNotification').json,
  LISTINGS_ITEM_STATUS_CHANGE: statusSpec.json,
};

/**
 * Every required field of a schema that the document has, with its JSON type, by path. It walks
 * every field the schema names (a schema may require nothing at the top, as the FBA one).
 */
function requiredFields(schema: JsonSchema, value: unknown, path: (string | number)[] = []) {
  const out: { path: (string | number)[]; type: string | string[] | undefined }[] = [];
  if (!value || typeof value !== 'object') return out;
  for (const [key, inner] of Object.entries(schema.properties ?? {})) {
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined) continue;
    if (schema.required?.includes(key)) out.push({ path: [...path, key], type: inner.type });
    if (inner.properties) out.push(...requiredFields(inner, child, [...path, key]));
    if (inner.items && Array.isArray(child) && child.length > 0)
      out.push(...requiredFields(inner.items, child[0], [...path, key, 0]));
  }
  return out;
}

function setAt(document: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = clone(document);
  let at = copy as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) at = at[part] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

function world(options: { failFirst?: boolean } = {}) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const store = new MemoryStore({ clock });
  const handled: { type: string; notification: unknown }[] = [];
  const invalid: WebhookPayloadFailure[] = [];
  let fail = options.failFirst ?? false;
  const record = (type: string) => (notification: unknown) => {
    handled.push({ type, notification });
    if (fail) {
      fail = false;
      throw new Error('downstream unavailable');
    }
  };
  const handlers: AmazonNotificationHandlers = Object.fromEntries(
    AMAZON_NOTIFICATION_TYPES.map((type) => [type, record(type)]),
  );
  const processor = createWebhookProcessor({
    verifiers: [createAmazonNotificationVerifier()],
    routes: amazonNotificationRoutes(handlers, {
      untyped: {
        ANY_OFFER_CHANGED: (notification: AmazonUntypedNotification) => record('ANY_OFFER_CHANGED')(notification),
      },
      onInvalidPayload: (failure) => void invalid.push(failure),
    }),
    context: { clock, store },
    retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 1000 },
    random: () => 1,
  });
  const send = (message: unknown) =>
    processor.receive('amazon', { headers: {}, body: typeof message === 'string' ? message : JSON.stringify(message) });
  return { clock, store, processor, handled, invalid, send };
}

const withId = (document: Record<string, unknown>, id: string): Record<string, unknown> =>
  'NotificationMetadata' in document
    ? { ...document, NotificationMetadata: { ...(document.NotificationMetadata as object), NotificationId: id } }
    : { ...document, notificationMetadata: { ...(document.notificationMetadata as object), notificationId: id } };

describe('SP-API notification payloads are checked, not cast', () => {
  it("each typed type's spec sample reaches its handler as the checked document, Amazon's other fields included", async () => {
    for (const type of AMAZON_NOTIFICATION_TYPES) {
      const { document, validate } = samples[type];
      expect(validate(document), type).toBe(true);
      const { send, handled } = world();
      const extra = { ...withId(document, `n-${type}`), FieldAmazonAddsLater: { kept: true } };
      expect(await send(extra)).toMatchObject({ status: 'processed', topic: document.NotificationType ?? type });
      expect(handled).toEqual([{ type, notification: extra }]);
    }
  });

  it('takes the document inside an SNS notification or an EventBridge event (as SQS delivers them)', async () => {
    const { send, handled } = world();
    const order = samples.ORDER_CHANGE.document;
    const sns = { Type: 'Notification', MessageId: 'm-1', Message: JSON.stringify(withId(order, 'n-sns')) };
    const bridge = {
      version: '0',
      'detail-type': 'ORDER_CHANGE',
      source: 'aws.partner/x',
      detail: withId(order, 'n-eb'),
    };
    expect(await send(sns)).toMatchObject({ status: 'processed', eventId: 'n-sns' });
    expect(await send(bridge)).toMatchObject({ status: 'processed', eventId: 'n-eb' });
    expect(handled.map((entry) => entry.notification)).toEqual([withId(order, 'n-sns'), withId(order, 'n-eb')]);
  });

  it("refuses whatever Amazon's schema refuses: each required field missing, each one of the wrong JSON type", () => {
    let checked = 0;
    for (const type of AMAZON_NOTIFICATION_TYPES) {
      const { document, validate } = samples[type];
      for (const field of requiredFields(schemaFiles[type], document)) {
        const wrong = Array.isArray(field.type) || field.type === 'string' ? 42 : 'not-the-type';
        for (const mutated of [setAt(document, field.path, undefined), setAt(document, field.path, wrong)]) {
          if (validate(mutated)) continue;
          const result = amazonNotificationSchema(type).safeParse(mutated);
          expect(result.success, `${type} ${field.path.join('.')}`).toBe(false);
          expect(result.error!.issues.map((issue) => issue.path.join('.'))).toContain(field.path.join('.'));
          checked++;
        }
      }
    }
    // Every typed type contributes: envelope, metadata and payload fields.
    expect(checked).toBeGreaterThan(100);
  });

  const canary = 'Atza|IwEBIsecret-canary-9f8e7d';
  const order = samples.ORDER_CHANGE.document as {
    Payload: { OrderChangeNotification: Record<string, unknown> & { Summary: Record<string, unknown> } };
  };
  const hostile: [AmazonNotificationType, string, unknown, string][] = [
    [
      'ORDER_CHANGE',
      'no order id',
      setAt(order, ['Payload', 'OrderChangeNotification', 'AmazonOrderId'], undefined),
      'Payload.OrderChangeNotification.AmazonOrderId',
    ],
    [
      'ORDER_CHANGE',
      'a token where the quantity goes',
      setAt(order, ['Payload', 'OrderChangeNotification', 'Summary', 'OrderItems', 0, 'Quantity'], canary),
      'Payload.OrderChangeNotification.Summary.OrderItems.0.Quantity',
    ],
    [
      'LISTINGS_ITEM_MFN_QUANTITY_CHANGE',
      'a negative quantity',
      setAt(samples.LISTINGS_ITEM_MFN_QUANTITY_CHANGE.document, ['Payload', 'Quantity'], -1),
      'Payload.Quantity',
    ],
    [
      'LISTINGS_ITEM_MFN_QUANTITY_CHANGE',
      'a fractional quantity',
      setAt(samples.LISTINGS_ITEM_MFN_QUANTITY_CHANGE.document, ['Payload', 'Quantity'], 2.5),
      'Payload.Quantity',
    ],
    [
      'FBA_INVENTORY_AVAILABILITY_CHANGES',
      'fulfillable stock as a string',
      setAt(
        fbaDocument,
        ['Payload', 'FulfillmentInventoryByMarketplace', 0, 'FulfillmentInventory', 'Fulfillable'],
        '50',
      ),
      'Payload.FulfillmentInventoryByMarketplace.0.FulfillmentInventory.Fulfillable',
    ],
    [
      'FEED_PROCESSING_FINISHED',
      'no feed id',
      setAt(
        samples.FEED_PROCESSING_FINISHED.document,
        ['payload', 'feedProcessingFinishedNotification', 'feedId'],
        undefined,
      ),
      'payload.feedProcessingFinishedNotification.feedId',
    ],
    [
      'REPORT_PROCESSING_FINISHED',
      'the PascalCase envelope of other types',
      {
        ...samples.ORDER_CHANGE.document,
        NotificationType: 'REPORT_PROCESSING_FINISHED',
      },
      'notificationType',
    ],
    [
      'LISTINGS_ITEM_STATUS_CHANGE',
      'a status that is not a list',
      setAt(samples.LISTINGS_ITEM_STATUS_CHANGE.document, ['Payload', 'Status'], 'BUYABLE'),
      'Payload.Status',
    ],
  ];
  for (const [type, what, document, path] of hostile) {
    it(`${type} with ${what}: the handler does not run; the event is dead-lettered with reason invalid_payload`, async () => {
      const { processor, send, handled, invalid } = world();
      const outcome = await send(document);
      expect(outcome).toMatchObject({ status: 'dead_lettered' });
      expect(handled).toEqual([]);
      expect(invalid).toHaveLength(1);
      expect(invalid[0]).toMatchObject({ reason: 'invalid_payload', platform: 'amazon' });
      expect(invalid[0]!.issues.map((issue) => issue.path.join('.'))).toContain(path);
      const [letter] = await processor.listDeadLetters();
      expect(letter).toMatchObject({ reason: 'invalid_payload', attempts: 1 });
      expect(letter!.lastError).toMatch(/not the shape of its topic/);
      expect(await processor.runDueRetries()).toEqual({ attempted: 0, succeeded: 0, deadLettered: 0 });
    });
  }

  it('a route throws a WebhookPayloadError naming the path and never echoing the value found there', async () => {
    const routes = amazonNotificationRoutes({ ORDER_CHANGE: () => expect.unreachable('the handler ran') });
    const document = hostile[1]![2];
    const error = await Promise.resolve(
      routes.amazon!.ORDER_CHANGE!({
        platform: 'amazon',
        topic: 'ORDER_CHANGE',
        eventId: 'n-1',
        payload: document,
        tenantId: 'default',
        receivedAt: 0,
        attempt: 1,
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookPayloadError);
    const payloadError = error as WebhookPayloadError;
    expect(payloadError.issues.map((issue) => issue.path.join('.'))).toEqual([
      'Payload.OrderChangeNotification.Summary.OrderItems.0.Quantity',
    ]);
    expect(payloadError.message).toMatch(/Payload\.OrderChangeNotification\.Summary\.OrderItems\.0\.Quantity/);
    expect(JSON.stringify({ ...payloadError, message: payloadError.message })).not.toContain(canary);
    expect(parseAmazonNotification(document)._unsafeUnwrapErr().message).not.toContain(canary);
  });

  it('re-checks the stored payload on a retry: one that fails its schema there is dead-lettered, the handler never sees it', async () => {
    const { clock, store, processor, send, handled, invalid } = world({ failFirst: true });
    const document = withId(samples.ORDER_CHANGE.document, 'n-stored');
    expect(await send(document)).toMatchObject({ status: 'queued' });
    const keys = webhookKeys('default');
    const retryKey = keys.retry(keys.id('amazon', 'n-stored'));
    expect(await store.get(retryKey)).toBe(JSON.stringify(document));
    // The stored body is changed behind the processor's back (another writer, a bad migration).
    await store.set(retryKey, JSON.stringify(setAt(document, ['Payload', 'OrderChangeNotification', 'SellerId'], 7)));
    await clock.advance(1000);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 0, deadLettered: 1 });
    expect(handled.map((entry) => entry.notification)).toEqual([document]);
    expect(invalid.map((failure) => failure.issues.map((issue) => issue.path.join('.')))).toEqual([
      ['Payload.OrderChangeNotification.SellerId'],
    ]);
    const [letter] = await processor.listDeadLetters();
    expect(letter).toMatchObject({ reason: 'invalid_payload', attempts: 2 });
  });

  it('an untyped type passes with its envelope checked; a broken envelope is rejected before anything is stored', async () => {
    const { send, handled, store } = world();
    const offers = {
      ...withId(samples.LISTINGS_ITEM_MFN_QUANTITY_CHANGE.document, 'n-offers'),
      NotificationType: 'ANY_OFFER_CHANGED',
      Payload: { AnyOfferChangedNotification: { SellerId: 'A1', OfferChangeTrigger: { ASIN: 'B0' } } },
    };
    expect(await send(offers)).toMatchObject({ status: 'processed', topic: 'ANY_OFFER_CHANGED' });
    expect(handled).toEqual([{ type: 'ANY_OFFER_CHANGED', notification: offers }]);
    for (const broken of [
      { ...offers, NotificationMetadata: { NotificationId: 'n-x' } },
      { ...offers, EventTime: 'yesterday' },
      { ...offers, Payload: 'not an object' },
      '{not json',
    ]) {
      expect(await send(broken)).toMatchObject({ status: 'rejected', reason: 'malformed_body' });
    }
    expect(await store.list('webhooks:')).toHaveLength(1);
  });

  it('an event time that is not a date is a reason, not a thrown RangeError', () => {
    const document = { ...samples.ORDER_CHANGE.document, EventTime: 'not a date' };
    expect(parseAmazonNotification(document)._unsafeUnwrapErr()).toMatchObject({
      reason: 'invalid_envelope',
      message: expect.stringContaining('EventTime'),
    });
  });

  it('a LISTINGS_ITEM_STATUS_CHANGE handler takes both spellings of the type', async () => {
    const { send, handled } = world();
    const changed = withId(samples.LISTINGS_ITEM_STATUS_CHANGE.document, 'n-changed');
    const change = { ...withId(changed, 'n-change'), NotificationType: 'LISTINGS_ITEM_STATUS_CHANGE' };
    expect(await send(changed)).toMatchObject({ status: 'processed', topic: 'LISTINGS_ITEM_STATUS_CHANGED' });
    expect(await send(change)).toMatchObject({ status: 'processed', topic: 'LISTINGS_ITEM_STATUS_CHANGE' });
    expect(handled.map((entry) => entry.type)).toEqual(['LISTINGS_ITEM_STATUS_CHANGE', 'LISTINGS_ITEM_STATUS_CHANGE']);
  });

  it('refuses handlers in the wrong place, naming each', () => {
    const error = (() => {
      try {
        amazonNotificationRoutes({ ANY_OFFER_CHANGED: () => {} } as never, { untyped: { ORDER_CHANGE: () => {} } });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      ['ANY_OFFER_CHANGED'],
      ['untyped', 'ORDER_CHANGE'],
    ]);
  });

  it('builds each schema once, on first use', () => {
    expect(amazonNotificationSchema('ORDER_CHANGE')).toBe(amazonNotificationSchema('ORDER_CHANGE'));
  });
});
