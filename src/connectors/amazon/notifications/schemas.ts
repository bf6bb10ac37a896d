import { z } from 'zod';
import type {
  AmazonNotificationEnvelope,
  AmazonNotificationPayloads,
  AmazonNotificationType,
  AmazonUntypedNotification,
} from './documents.js';
import { unwrapAmazonNotification } from './unwrap.js';

// Taken from Amazon's notification schemas (selling-partner-api-models, schemas/notifications):
// every field a schema requires is required here, with its JSON type. Where a schema lists an
// enumeration, any string is accepted (Amazon adds values without a new payload version); the
// known values are in the TypeScript types. Counts are non-negative integers. Timestamps that
// marketbridge reads (EventTime, PublishTime) must parse as dates. Fields the schemas do not
// name pass through unchecked.

const timestamp = () =>
  z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'Expected an ISO 8601 timestamp.');
const count = () => z.number().int().nonnegative();
const text = () => z.string().min(1);

function pascalEnvelope<T extends z.ZodType<string>, P extends z.ZodType>(type: T, payload: P) {
  return z.looseObject({
    NotificationVersion: z.string(),
    NotificationType: type,
    PayloadVersion: z.string(),
    EventTime: timestamp(),
    Payload: payload,
    NotificationMetadata: z.looseObject({
      ApplicationId: z.string(),
      SubscriptionId: z.string(),
      PublishTime: timestamp(),
      NotificationId: text(),
    }),
  });
}

function camelEnvelope<T extends z.ZodType<string>, P extends z.ZodType>(type: T, payload: P) {
  return z.looseObject({
    notificationVersion: z.string(),
    notificationType: type,
    payloadVersion: z.string(),
    eventTime: timestamp(),
    payload,
    notificationMetadata: z.looseObject({
      applicationId: z.string(),
      subscriptionId: z.string(),
      publishTime: timestamp(),
      notificationId: text(),
    }),
  });
}

type DocumentSchemas = { [T in AmazonNotificationType]: z.ZodType<AmazonNotificationPayloads[T]> };

interface Schemas {
  documents: DocumentSchemas;
  envelope: z.ZodType<AmazonUntypedNotification>;
}

function build(): Schemas {
  const orderItem = z.looseObject({
    OrderItemId: z.string(),
    SellerSKU: z.string(),
    SupplySourceId: z.string().nullable(),
    OrderItemStatus: z.string().optional(),
    Quantity: count(),
    QuantityShipped: count().optional(),
    IsBuyerRequestedCancel: z.boolean().optional(),
    ItemEarliestDeliveryDate: z.string().optional(),
    ItemLatestDeliveryDate: z.string().optional(),
  });
  const orderChange = z.looseObject({
    OrderChangeNotification: z.looseObject({
      NotificationLevel: z.string(),
      SellerId: z.string(),
      AmazonOrderId: text(),
      OrderChangeType: z.string(),
      OrderChangeTrigger: z.looseObject({ TimeOfOrderChange: z.string().nullable(), ChangeReason: z.string() }),
      Summary: z.looseObject({
        MarketplaceId: z.string(),
        OrderStatus: z.string(),
        PurchaseDate: z.string().nullable(),
        DestinationPostalCode: z.string().nullable(),
        FulfillmentType: z.string(),
        OrderType: z.string(),
        NumberOfItemsShipped: count().optional(),
        NumberOfItemsUnshipped: count().optional(),
        EarliestDeliveryDate: z.string().optional(),
        LatestDeliveryDate: z.string().optional(),
        EarliestShipDate: z.string().optional(),
        LatestShipDate: z.string().optional(),
        CancelNotifyDate: z.string().optional(),
        OrderPrograms: z.array(z.string()).optional(),
        ShippingPrograms: z.array(z.string()).optional(),
        EasyShipShipmentStatus: z.string().optional(),
        ElectronicInvoiceStatus: z.string().optional(),
        OrderItems: z.array(orderItem),
      }),
    }),
  });
  const mfnQuantity = z.looseObject({
    SellerId: z.string(),
    FulfillmentChannelCode: z.string(),
    Sku: text(),
    Quantity: count(),
  });
  const fbaInventory = z.looseObject({
    SellerId: z.string(),
    FNSKU: z.string(),
    ASIN: z.string(),
    SKU: text(),
    FulfillmentInventoryByMarketplace: z.array(
      z.looseObject({
        MarketplaceId: text(),
        ItemName: z.string(),
        FulfillmentInventory: z.looseObject({
          InboundQuantityBreakdown: z.looseObject({ Working: count(), Shipped: count(), Receiving: count() }),
          Fulfillable: count(),
          Unfulfillable: count(),
          Researching: count(),
          ReservedQuantityBreakdown: z.looseObject({
            WarehouseProcessing: count(),
            WarehouseTransfer: count(),
            PendingCustomerOrder: count(),
          }),
          FutureSupplyBuyable: count(),
          PendingCustomerOrderInTransit: count(),
        }),
        Stores: z.array(z.unknown()).optional(),
      }),
    ),
  });
  const feedFinished = z.looseObject({
    feedProcessingFinishedNotification: z.looseObject({
      sellerId: z.string().optional(),
      accountId: z.string(),
      feedId: text(),
      feedType: z.string(),
      processingStatus: z.string(),
      resultFeedDocumentId: z.string().optional(),
    }),
  });
  const reportFinished = z.looseObject({
    reportProcessingFinishedNotification: z.looseObject({
      sellerId: z.string().optional(),
      accountId: z.string(),
      reportId: text(),
      reportType: z.string(),
      processingStatus: z.string(),
      reportDocumentId: z.string().optional(),
    }),
  });
  const statusChange = z.looseObject({
    SellerId: z.string(),
    MarketplaceId: z.string().optional(),
    Asin: z.string().optional(),
    Sku: text(),
    CreatedDate: z.string().optional(),
    Status: z.array(z.string()),
  });
  const anyPayload = z.record(z.string(), z.unknown());
  const pascal = pascalEnvelope(text(), anyPayload);
  const camel = camelEnvelope(text(), anyPayload);
  const delivered = <S extends z.ZodType>(schema: S) => z.preprocess(unwrapAmazonNotification, schema);
  return {
    documents: {
      ORDER_CHANGE: delivered(pascalEnvelope(z.literal('ORDER_CHANGE'), orderChange)),
      LISTINGS_ITEM_MFN_QUANTITY_CHANGE: delivered(
        pascalEnvelope(z.literal('LISTINGS_ITEM_MFN_QUANTITY_CHANGE'), mfnQuantity),
      ),
      FBA_INVENTORY_AVAILABILITY_CHANGES: delivered(
        pascalEnvelope(z.literal('FBA_INVENTORY_AVAILABILITY_CHANGES'), fbaInventory),
      ),
      FEED_PROCESSING_FINISHED: delivered(camelEnvelope(z.literal('FEED_PROCESSING_FINISHED'), feedFinished)),
      REPORT_PROCESSING_FINISHED: delivered(camelEnvelope(z.literal('REPORT_PROCESSING_FINISHED'), reportFinished)),
      LISTINGS_ITEM_STATUS_CHANGE: delivered(
        pascalEnvelope(z.enum(['LISTINGS_ITEM_STATUS_CHANGE', 'LISTINGS_ITEM_STATUS_CHANGED']), statusChange),
      ),
    },
    envelope: delivered(
      z.unknown().transform((value, context): AmazonUntypedNotification => {
        // The casing is chosen by the type key, so that problems are reported against one envelope.
        const camelCase =
          typeof value === 'object' && value !== null && !('NotificationType' in value) && 'notificationType' in value;
        const checked = (camelCase ? camel : pascal).safeParse(value);
        if (checked.success) return checked.data as AmazonUntypedNotification;
        for (const issue of checked.error.issues)
          context.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: value });
        return z.NEVER;
      }),
    ),
  };
}

let schemas: Schemas | undefined;

/**
 * The schema a notification of a typed type is checked with before its handler runs (built on
 * first use): the whole document, envelope and payload, as Amazon's schema for the type
 * describes it. It takes the message as delivered (see `unwrapAmazonNotification`).
 *
 * @example
 * ```ts
 * const checked = amazonNotificationSchema('ORDER_CHANGE').safeParse(JSON.parse(sqsMessage.Body));
 * if (checked.success) console.log(checked.data.Payload.OrderChangeNotification.AmazonOrderId);
 * ```
 *
 * @category Webhooks and notifications
 */
export function amazonNotificationSchema<T extends AmazonNotificationType>(
  type: T,
): z.ZodType<AmazonNotificationPayloads[T]> {
  schemas ??= build();
  return schemas.documents[type];
}

/**
 * The schema of a notification of any type (built on first use): its envelope is checked
 * (`NotificationType`, `NotificationVersion`, `PayloadVersion`, `EventTime`, an object
 * `Payload`, `NotificationMetadata` with the notification id, in PascalCase or camelCase as the
 * type uses), its payload is not. It takes the message as delivered.
 *
 * @example
 * ```ts
 * const checked = amazonNotificationEnvelopeSchema().safeParse(message);
 * if (checked.success) console.log(amazonNotificationFacts(checked.data).type);
 * ```
 *
 * @category Webhooks and notifications
 */
export function amazonNotificationEnvelopeSchema(): z.ZodType<AmazonUntypedNotification> {
  schemas ??= build();
  return schemas.envelope;
}

/**
 * The type, notification id, event time and payload of a checked notification, whichever
 * casing it uses.
 *
 * @example
 * ```ts
 * const { type, notificationId } = amazonNotificationFacts(notification);
 * ```
 *
 * @category Webhooks and notifications
 */
export function amazonNotificationFacts(notification: AmazonUntypedNotification): {
  type: string;
  notificationId: string;
  eventTime: string;
  payload: Record<string, unknown>;
} {
  if (isPascalCase(notification))
    return {
      type: notification.NotificationType,
      notificationId: notification.NotificationMetadata.NotificationId,
      eventTime: notification.EventTime,
      payload: notification.Payload,
    };
  return {
    type: notification.notificationType,
    notificationId: notification.notificationMetadata.notificationId,
    eventTime: notification.eventTime,
    payload: notification.payload,
  };
}

function isPascalCase(notification: AmazonUntypedNotification): notification is AmazonNotificationEnvelope {
  return typeof notification.NotificationType === 'string';
}
