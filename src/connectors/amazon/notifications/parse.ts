import { lazySchema } from '../../../core/lazy-schema.js';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { failure, type Failure } from '../../../core/result.js';
import type { OrderStatus } from '../../../model/order.js';
import type { AmazonNotificationEvent, AmazonNotificationReason } from './events.js';
import { afnLocationId, mfnLocationId } from '../mapper/inventory.js';

const STATUS: Record<string, OrderStatus> = {
  Pending: 'pending',
  PendingAvailability: 'pending',
  Unshipped: 'unshipped',
  PartiallyShipped: 'partially_shipped',
  // InvoiceUnconfirmed: every item has shipped, only the invoice confirmation is missing.
  Shipped: 'shipped',
  InvoiceUnconfirmed: 'shipped',
  Canceled: 'cancelled',
  Unfulfillable: 'cancelled',
};

// Amazon writes older notifications in PascalCase and newer ones in camelCase; read both.
const Upper = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      NotificationType: z.string(),
      EventTime: z.string(),
      Payload: z.record(z.string(), z.unknown()),
      NotificationMetadata: z.object({ NotificationId: z.string() }).passthrough(),
    })
    .passthrough(),
);
const Lower = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      notificationType: z.string(),
      eventTime: z.string(),
      payload: z.record(z.string(), z.unknown()),
      notificationMetadata: z.object({ notificationId: z.string() }).passthrough(),
    })
    .passthrough(),
);

const OrderChange = /* @__PURE__ */ lazySchema(() =>
  z.object({
    OrderChangeNotification: z
      .object({
        SellerId: z.string().optional(),
        AmazonOrderId: z.string().min(1),
        OrderChangeType: z.string().optional(),
        OrderChangeTrigger: z
          .object({ TimeOfOrderChange: z.string().optional(), ChangeReason: z.string().optional() })
          .passthrough()
          .optional(),
        Summary: z
          .object({ MarketplaceId: z.string().optional(), OrderStatus: z.string().optional() })
          .passthrough()
          .optional(),
      })
      .passthrough(),
  }),
);
const MfnQuantity = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      SellerId: z.string().optional(),
      FulfillmentChannelCode: z.string(),
      Sku: z.string().min(1),
      Quantity: z.number().int().min(0),
    })
    .passthrough(),
);
const FbaAvailability = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      SellerId: z.string().optional(),
      SKU: z.string().min(1),
      FulfillmentInventoryByMarketplace: z.array(
        z
          .object({
            MarketplaceId: z.string(),
            FulfillmentInventory: z
              .object({
                Fulfillable: z.number().int().min(0),
                ReservedQuantityBreakdown: z.record(z.string(), z.number()).optional(),
              })
              .passthrough(),
          })
          .passthrough(),
      ),
    })
    .passthrough(),
);
const FeedFinished = /* @__PURE__ */ lazySchema(() =>
  z.object({
    feedProcessingFinishedNotification: z
      .object({
        sellerId: z.string().optional(),
        feedId: z.string(),
        feedType: z.string(),
        processingStatus: z.string(),
        resultFeedDocumentId: z.string().optional(),
      })
      .passthrough(),
  }),
);
const ReportFinished = /* @__PURE__ */ lazySchema(() =>
  z.object({
    reportProcessingFinishedNotification: z
      .object({
        sellerId: z.string().optional(),
        reportId: z.string(),
        reportType: z.string(),
        processingStatus: z.string(),
        reportDocumentId: z.string().optional(),
      })
      .passthrough(),
  }),
);
const StatusChange = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      SellerId: z.string().optional(),
      MarketplaceId: z.string().optional(),
      Asin: z.string().optional(),
      Sku: z.string().min(1),
      Status: z.array(z.string()),
    })
    .passthrough(),
);

type Parsed = Result<AmazonNotificationEvent[], Failure<AmazonNotificationReason>>;
const bad = (message: string): Parsed => err(failure('invalid_payload', message));

/**
 * One notification document (the JSON Amazon publishes, without SQS or EventBridge envelope)
 * as canonical events.
 *
 * @example
 * ```ts
 * const events = parseNotificationDocument(JSON.parse(sqsMessage.Body));
 * ```
 */
export function parseNotificationDocument(
  document: unknown,
): Result<AmazonNotificationEvent[], Failure<AmazonNotificationReason>> {
  const upper = Upper.safeParse(document);
  const lower = upper.success ? undefined : Lower.safeParse(document);
  if (!upper.success && !lower?.success)
    return err(
      failure(
        'invalid_envelope',
        'Not an SP-API notification: NotificationType, EventTime, Payload and NotificationMetadata are required.',
      ),
    );
  const topic = upper.success ? upper.data.NotificationType : lower!.data!.notificationType;
  const payload = upper.success ? upper.data.Payload : lower!.data!.payload;
  const base = {
    eventId: upper.success
      ? upper.data.NotificationMetadata.NotificationId
      : lower!.data!.notificationMetadata.notificationId,
    topic,
    occurredAt: new Date(upper.success ? upper.data.EventTime : lower!.data!.eventTime).toISOString(),
  };
  const seller = (value: string | undefined) => (value ? { sellerId: value } : {});
  switch (topic) {
    case 'ORDER_CHANGE': {
      const parsed = OrderChange.safeParse(payload);
      if (!parsed.success) return bad(`ORDER_CHANGE payload: ${parsed.error.issues[0]?.message}`);
      const change = parsed.data.OrderChangeNotification;
      const status = change.Summary?.OrderStatus ? STATUS[change.Summary.OrderStatus] : undefined;
      return ok([
        {
          ...base,
          ...seller(change.SellerId),
          type: 'order.changed',
          orderId: change.AmazonOrderId,
          ...(status ? { status } : {}),
          ...(change.Summary?.MarketplaceId ? { marketplaceId: change.Summary.MarketplaceId } : {}),
          ...(change.OrderChangeType ? { changeType: change.OrderChangeType } : {}),
          ...(change.OrderChangeTrigger?.ChangeReason ? { reason: change.OrderChangeTrigger.ChangeReason } : {}),
        },
      ]);
    }
    case 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE': {
      const parsed = MfnQuantity.safeParse(payload);
      if (!parsed.success) return bad(`LISTINGS_ITEM_MFN_QUANTITY_CHANGE payload: ${parsed.error.issues[0]?.message}`);
      return ok([
        {
          ...base,
          ...seller(parsed.data.SellerId),
          type: 'inventory.changed',
          sku: parsed.data.Sku,
          locationId: mfnLocationId(parsed.data.FulfillmentChannelCode),
          available: parsed.data.Quantity,
        },
      ]);
    }
    case 'FBA_INVENTORY_AVAILABILITY_CHANGES': {
      const parsed = FbaAvailability.safeParse(payload);
      if (!parsed.success) return bad(`FBA_INVENTORY_AVAILABILITY_CHANGES payload: ${parsed.error.issues[0]?.message}`);
      return ok(
        parsed.data.FulfillmentInventoryByMarketplace.map((entry) => {
          const reserved = Object.values(entry.FulfillmentInventory.ReservedQuantityBreakdown ?? {}).reduce(
            (sum, value) => sum + value,
            0,
          );
          return {
            ...base,
            ...seller(parsed.data.SellerId),
            type: 'inventory.changed' as const,
            sku: parsed.data.SKU,
            locationId: afnLocationId(entry.MarketplaceId),
            marketplaceId: entry.MarketplaceId,
            available: entry.FulfillmentInventory.Fulfillable,
            reserved,
          };
        }),
      );
    }
    case 'FEED_PROCESSING_FINISHED': {
      const parsed = FeedFinished.safeParse(payload);
      if (!parsed.success) return bad(`FEED_PROCESSING_FINISHED payload: ${parsed.error.issues[0]?.message}`);
      const feed = parsed.data.feedProcessingFinishedNotification;
      return ok([
        {
          ...base,
          ...seller(feed.sellerId),
          type: 'feed.finished',
          feedId: feed.feedId,
          feedType: feed.feedType,
          processingStatus: feed.processingStatus,
          ...(feed.resultFeedDocumentId ? { resultDocumentId: feed.resultFeedDocumentId } : {}),
        },
      ]);
    }
    case 'REPORT_PROCESSING_FINISHED': {
      const parsed = ReportFinished.safeParse(payload);
      if (!parsed.success) return bad(`REPORT_PROCESSING_FINISHED payload: ${parsed.error.issues[0]?.message}`);
      const report = parsed.data.reportProcessingFinishedNotification;
      return ok([
        {
          ...base,
          ...seller(report.sellerId),
          type: 'report.finished',
          reportId: report.reportId,
          reportType: report.reportType,
          processingStatus: report.processingStatus,
          ...(report.reportDocumentId ? { reportDocumentId: report.reportDocumentId } : {}),
        },
      ]);
    }
    // The published schema names the type LISTINGS_ITEM_STATUS_CHANGED, its example and the docs ..._CHANGE.
    case 'LISTINGS_ITEM_STATUS_CHANGE':
    case 'LISTINGS_ITEM_STATUS_CHANGED': {
      const parsed = StatusChange.safeParse(payload);
      if (!parsed.success) return bad(`LISTINGS_ITEM_STATUS_CHANGE payload: ${parsed.error.issues[0]?.message}`);
      return ok([
        {
          ...base,
          ...seller(parsed.data.SellerId),
          type: 'listing.status_changed',
          sku: parsed.data.Sku,
          status: parsed.data.Status,
          ...(parsed.data.Asin ? { asin: parsed.data.Asin } : {}),
          ...(parsed.data.MarketplaceId ? { marketplaceId: parsed.data.MarketplaceId } : {}),
        },
      ]);
    }
    default:
      return err(
        failure('unsupported_type', `Notification type ${topic} is not mapped to a canonical event.`, { topic }),
      );
  }
}

function json(text: string): Result<unknown, Failure<AmazonNotificationReason>> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (cause) {
    return err(failure('invalid_json', 'The message body is not JSON.', { cause }));
  }
}

/**
 * Parses an SP-API notification as it arrives: an SQS message body (string), an SQS message
 * (`Body`/`body`), an AWS Lambda SQS event (`Records[]`), an EventBridge event (`detail`), or
 * the notification document itself. Returns canonical events (one notification can carry
 * several, e.g. FBA availability per store); nothing throws on untrusted input.
 *
 * @example
 * ```ts
 * export const handler = async (event: unknown) => {
 *   const parsed = parseAmazonNotification(event);
 *   if (parsed.isErr()) return console.warn(parsed.error.reason);
 *   for (const change of parsed.value) await apply(change);
 * };
 * ```
 */
export function parseAmazonNotification(
  message: unknown,
): Result<AmazonNotificationEvent[], Failure<AmazonNotificationReason>> {
  if (typeof message === 'string') return json(message).andThen(parseAmazonNotification);
  if (typeof message !== 'object' || message === null)
    return err(failure('invalid_envelope', 'Expected a notification object or JSON text.'));
  const record = message as Record<string, unknown>;
  if (Array.isArray(record.Records)) {
    const events: AmazonNotificationEvent[] = [];
    for (const entry of record.Records) {
      const parsed = parseAmazonNotification(entry);
      if (parsed.isErr()) return parsed;
      events.push(...parsed.value);
    }
    return ok(events);
  }
  if (typeof record.body === 'string') return parseAmazonNotification(record.body);
  if (typeof record.Body === 'string') return parseAmazonNotification(record.Body);
  if (typeof record.Message === 'string' && record.Type === 'Notification')
    return parseAmazonNotification(record.Message);
  if (record.detail && typeof record.detail === 'object' && typeof record['detail-type'] === 'string')
    return parseNotificationDocument(record.detail);
  return parseNotificationDocument(message);
}
