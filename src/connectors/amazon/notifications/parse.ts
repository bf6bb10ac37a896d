import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import { issuesFromZod, type ValidationIssue } from '../../../core/errors/validation-error.js';
import { failure, type Failure } from '../../../core/result.js';
import type { OrderStatus } from '../../../model/order.js';
import type { AmazonNotificationEvent, AmazonNotificationReason } from './events.js';
import { afnLocationId, mfnLocationId } from '../mapper/inventory.js';
import type { AmazonNotificationPayloads, AmazonNotificationType } from './documents.js';
import { amazonNotificationTypeOf } from './notification-types.js';
import { amazonNotificationEnvelopeSchema, amazonNotificationFacts, amazonNotificationSchema } from './schemas.js';

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

/** Where each problem is, without the value found there (it may be personal data or a secret). */
function problems(error: z.ZodError): { issues: ValidationIssue[]; text: string } {
  const issues = issuesFromZod(error);
  const text = issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  return { issues, text };
}

function check<T extends AmazonNotificationType>(
  type: T,
  document: unknown,
): Result<AmazonNotificationPayloads[T], Failure<AmazonNotificationReason>> {
  const checked = amazonNotificationSchema(type).safeParse(document);
  if (checked.success) return ok(checked.data);
  const { issues, text } = problems(checked.error);
  return err(
    failure('invalid_payload', `The ${type} notification is not the shape of its type: ${text}.`, {
      topic: type,
      issues,
    }),
  );
}

/**
 * One notification document (the JSON Amazon publishes, without SQS or EventBridge envelope)
 * as canonical events.
 *
 * @example
 * ```ts
 * const events = parseNotificationDocument(JSON.parse(sqsMessage.Body));
 * ```
 *
 * @category Webhooks and notifications
 */
export function parseNotificationDocument(
  document: unknown,
): Result<AmazonNotificationEvent[], Failure<AmazonNotificationReason>> {
  const envelope = amazonNotificationEnvelopeSchema().safeParse(document);
  if (!envelope.success) {
    const { issues, text } = problems(envelope.error);
    return err(
      failure(
        'invalid_envelope',
        `Not an SP-API notification (NotificationType, NotificationVersion, PayloadVersion, EventTime, Payload and NotificationMetadata are required): ${text}.`,
        { issues },
      ),
    );
  }
  const facts = amazonNotificationFacts(envelope.data);
  const topic = facts.type;
  const base = { eventId: facts.notificationId, topic, occurredAt: new Date(facts.eventTime).toISOString() };
  const seller = (value: string | undefined) => (value ? { sellerId: value } : {});
  const type = amazonNotificationTypeOf(topic);
  switch (type) {
    case 'ORDER_CHANGE':
      return check(type, document).map(({ Payload }) => {
        const change = Payload.OrderChangeNotification;
        const status = Object.hasOwn(STATUS, change.Summary.OrderStatus)
          ? STATUS[change.Summary.OrderStatus]
          : undefined;
        return [
          {
            ...base,
            ...seller(change.SellerId),
            type: 'order.changed' as const,
            orderId: change.AmazonOrderId,
            ...(status ? { status } : {}),
            ...(change.Summary.MarketplaceId ? { marketplaceId: change.Summary.MarketplaceId } : {}),
            ...(change.OrderChangeType ? { changeType: change.OrderChangeType } : {}),
            ...(change.OrderChangeTrigger.ChangeReason ? { reason: change.OrderChangeTrigger.ChangeReason } : {}),
          },
        ];
      });
    case 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE':
      return check(type, document).map(({ Payload }) => [
        {
          ...base,
          ...seller(Payload.SellerId),
          type: 'inventory.changed' as const,
          sku: Payload.Sku,
          locationId: mfnLocationId(Payload.FulfillmentChannelCode),
          available: Payload.Quantity,
        },
      ]);
    case 'FBA_INVENTORY_AVAILABILITY_CHANGES':
      return check(type, document).map(({ Payload }) =>
        Payload.FulfillmentInventoryByMarketplace.map((entry) => {
          const breakdown = entry.FulfillmentInventory.ReservedQuantityBreakdown;
          return {
            ...base,
            ...seller(Payload.SellerId),
            type: 'inventory.changed' as const,
            sku: Payload.SKU,
            locationId: afnLocationId(entry.MarketplaceId),
            marketplaceId: entry.MarketplaceId,
            available: entry.FulfillmentInventory.Fulfillable,
            reserved: breakdown.WarehouseProcessing + breakdown.WarehouseTransfer + breakdown.PendingCustomerOrder,
          };
        }),
      );
    case 'FEED_PROCESSING_FINISHED':
      return check(type, document).map(({ payload }) => {
        const feed = payload.feedProcessingFinishedNotification;
        return [
          {
            ...base,
            ...seller(feed.sellerId),
            type: 'feed.finished' as const,
            feedId: feed.feedId,
            feedType: feed.feedType,
            processingStatus: feed.processingStatus,
            ...(feed.resultFeedDocumentId ? { resultDocumentId: feed.resultFeedDocumentId } : {}),
          },
        ];
      });
    case 'REPORT_PROCESSING_FINISHED':
      return check(type, document).map(({ payload }) => {
        const report = payload.reportProcessingFinishedNotification;
        return [
          {
            ...base,
            ...seller(report.sellerId),
            type: 'report.finished' as const,
            reportId: report.reportId,
            reportType: report.reportType,
            processingStatus: report.processingStatus,
            ...(report.reportDocumentId ? { reportDocumentId: report.reportDocumentId } : {}),
          },
        ];
      });
    // The published schema names the type LISTINGS_ITEM_STATUS_CHANGED, its example and the docs ..._CHANGE.
    case 'LISTINGS_ITEM_STATUS_CHANGE':
      return check(type, document).map(({ Payload }) => [
        {
          ...base,
          ...seller(Payload.SellerId),
          type: 'listing.status_changed' as const,
          sku: Payload.Sku,
          status: Payload.Status,
          ...(Payload.Asin ? { asin: Payload.Asin } : {}),
          ...(Payload.MarketplaceId ? { marketplaceId: Payload.MarketplaceId } : {}),
        },
      ]);
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
 *
 * @category Webhooks and notifications
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
