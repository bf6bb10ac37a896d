import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseAmazonNotification } from '../../../src/connectors/amazon/index.js';
import { SPEC_DIR } from './swagger.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => void;

function schema(name: string) {
  const json = JSON.parse(readFileSync(join(SPEC_DIR, `${name}.json`), 'utf8')) as Record<string, unknown> & {
    examples?: unknown[];
  };
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

const sqs = (document: unknown) => ({
  Records: [{ messageId: 'm-1', body: JSON.stringify(document), eventSource: 'aws:sqs' }],
});
const eventBridge = (document: unknown) => ({
  version: '0',
  id: 'e-1',
  'detail-type': 'ORDER_CHANGE',
  source: 'aws.partner/sellingpartnerapi.amazon/amzn1.sellerapps.app.x',
  detail: document,
});

describe('SP-API notifications become canonical events', () => {
  it('ORDER_CHANGE (schema example) through an SQS Lambda event and through EventBridge', () => {
    const { json, validate } = schema('OrderChangeNotification');
    const example = json.examples![0];
    expect(validate(example)).toBe(true);
    for (const envelope of [
      sqs(example),
      eventBridge(example),
      JSON.stringify(example),
      { Body: JSON.stringify(example) },
    ]) {
      expect(parseAmazonNotification(envelope)._unsafeUnwrap()).toEqual([
        expect.objectContaining({
          type: 'order.changed',
          topic: 'ORDER_CHANGE',
          orderId: '903-8868176-2219830',
          status: 'unshipped',
          marketplaceId: 'ATVPDKIKX0DER',
          sellerId: 'A3TH9S8BH6GOGM',
          changeType: 'BuyerRequestedChange',
        }),
      ]);
    }
  });

  it('ORDER_CHANGE with OrderStatus InvoiceUnconfirmed (every item shipped) is a shipped order', () => {
    const { json } = schema('OrderChangeNotification');
    const example = JSON.parse(
      JSON.stringify(json.examples![0]).replaceAll('"OrderStatus":"Unshipped"', '"OrderStatus":"InvoiceUnconfirmed"'),
    ) as unknown;
    expect(parseAmazonNotification(sqs(example))._unsafeUnwrap()).toEqual([
      expect.objectContaining({ type: 'order.changed', status: 'shipped' }),
    ]);
  });

  it('LISTINGS_ITEM_MFN_QUANTITY_CHANGE (schema example)', () => {
    const { json, validate } = schema('ListingsItemMfnQuantityChange');
    const example = json.examples![0];
    expect(validate(example)).toBe(true);
    expect(parseAmazonNotification(sqs(example))._unsafeUnwrap()).toEqual([
      {
        type: 'inventory.changed',
        eventId: '8e009934-da2c-4f9c-9bc7-93f23b7e1f60',
        topic: 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE',
        occurredAt: '2021-02-03T18:59:30.194Z',
        sellerId: 'AXXXXXXXXXXXXX',
        sku: 'NLS-SHOES-03',
        locationId: 'MFN:DEFAULT',
        available: 99,
      },
    ]);
  });

  it('FBA_INVENTORY_AVAILABILITY_CHANGES (payload example in a schema-valid envelope): one event per store', () => {
    const { json, validate } = schema('FBAInventoryAvailabilityChangeNotification');
    const payload = ((json.properties as Record<string, { examples?: unknown[] }>).Payload!.examples as unknown[])[0];
    const document = {
      NotificationVersion: '1.0',
      NotificationType: 'FBA_INVENTORY_AVAILABILITY_CHANGES',
      PayloadVersion: '1.0',
      EventTime: '2026-01-01T00:00:00.000Z',
      Payload: payload,
      NotificationMetadata: {
        ApplicationId: 'app',
        SubscriptionId: 'sub',
        PublishTime: '2026-01-01T00:00:00.000Z',
        NotificationId: 'n-fba',
      },
    };
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    const events = parseAmazonNotification(eventBridge(document))._unsafeUnwrap();
    expect(
      events.map((event) => event.type === 'inventory.changed' && [event.locationId, event.available, event.reserved]),
    ).toEqual([
      ['AFN:ATVPDKIKX0DER', 50, 30],
      ['AFN:A2EUQ1WTGCTBG2', 40, 30],
    ]);
  });

  it('FEED_PROCESSING_FINISHED and REPORT_PROCESSING_FINISHED (every schema example)', () => {
    for (const [name, type] of [
      ['FeedProcessingFinishedNotification', 'feed.finished'],
      ['ReportProcessingFinishedNotification', 'report.finished'],
    ] as const) {
      const { json, validate } = schema(name);
      for (const example of json.examples!) {
        expect(validate(example)).toBe(true);
        const [event] = parseAmazonNotification(sqs(example))._unsafeUnwrap();
        expect(event?.type).toBe(type);
      }
    }
    const feed = schema('FeedProcessingFinishedNotification').json.examples![0];
    expect(parseAmazonNotification(feed)._unsafeUnwrap()[0]).toMatchObject({
      feedId: '53347018456',
      processingStatus: 'DONE',
      resultDocumentId: expect.stringContaining('amzn1.tortuga'),
    });
  });

  it('LISTINGS_ITEM_STATUS_CHANGE: the schema enum says ..._CHANGED, its own example ..._CHANGE; both parse', () => {
    const { json, validate } = schema('ListingsItemStatusChangeNotification');
    const example = json.examples![0] as Record<string, unknown>;
    const enumName = { ...example, NotificationType: 'LISTINGS_ITEM_STATUS_CHANGED' };
    expect(validate(enumName)).toBe(true);
    for (const document of [example, enumName]) {
      expect(parseAmazonNotification(document)._unsafeUnwrap()[0]).toMatchObject({
        type: 'listing.status_changed',
        sku: 'NLS-SHOES-03',
        status: ['BUYABLE', 'DISCOVERABLE'],
      });
    }
  });

  it('rejects bad input with a reason instead of throwing', () => {
    const { json } = schema('ListingsItemMfnQuantityChange');
    const example = json.examples![0] as { Payload: Record<string, unknown> };
    expect(parseAmazonNotification('{nope')._unsafeUnwrapErr().reason).toBe('invalid_json');
    expect(parseAmazonNotification({ hello: 'world' })._unsafeUnwrapErr().reason).toBe('invalid_envelope');
    expect(
      parseAmazonNotification({ ...example, Payload: { ...example.Payload, Quantity: -1 } })._unsafeUnwrapErr().reason,
    ).toBe('invalid_payload');
    expect(
      parseAmazonNotification({ ...example, NotificationType: 'ANY_OFFER_CHANGED' })._unsafeUnwrapErr().reason,
    ).toBe('unsupported_type');
    expect(parseAmazonNotification(42)._unsafeUnwrapErr().reason).toBe('invalid_envelope');
  });
});
