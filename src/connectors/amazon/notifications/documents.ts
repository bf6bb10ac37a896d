/**
 * `NotificationMetadata` of a notification written in PascalCase.
 *
 * @category Webhooks and notifications
 */
export interface AmazonNotificationMetadata {
  ApplicationId: string;
  SubscriptionId: string;
  /** When Amazon published the notification (ISO timestamp). */
  PublishTime: string;
  /** Unique per notification: deduplicate by it. */
  NotificationId: string;
  [field: string]: unknown;
}

/**
 * `notificationMetadata` of a notification written in camelCase (the feed and report types).
 *
 * @category Webhooks and notifications
 */
export interface AmazonCamelCaseNotificationMetadata {
  applicationId: string;
  subscriptionId: string;
  /** When Amazon published the notification (ISO timestamp). */
  publishTime: string;
  /** Unique per notification: deduplicate by it. */
  notificationId: string;
  [field: string]: unknown;
}

/**
 * An SP-API notification document in PascalCase, the envelope of most notification types.
 * `T` is the notification type, `P` its payload.
 *
 * @category Webhooks and notifications
 */
export interface AmazonNotificationEnvelope<T extends string = string, P = Record<string, unknown>> {
  NotificationVersion: string;
  NotificationType: T;
  PayloadVersion: string;
  /** When the change happened (ISO timestamp). */
  EventTime: string;
  Payload: P;
  NotificationMetadata: AmazonNotificationMetadata;
  [field: string]: unknown;
}

/**
 * An SP-API notification document in camelCase, the envelope of the newer notification types
 * (`FEED_PROCESSING_FINISHED`, `REPORT_PROCESSING_FINISHED`, ...).
 *
 * @category Webhooks and notifications
 */
export interface AmazonCamelCaseNotificationEnvelope<T extends string = string, P = Record<string, unknown>> {
  notificationVersion: string;
  notificationType: T;
  payloadVersion: string;
  /** When the change happened (ISO timestamp). */
  eventTime: string;
  payload: P;
  notificationMetadata: AmazonCamelCaseNotificationMetadata;
  [field: string]: unknown;
}

/**
 * A notification of a type marketbridge does not type (`ANY_OFFER_CHANGED`, ...): its envelope
 * is checked (type, versions, event time, metadata with the notification id, an object payload),
 * its payload is not.
 *
 * @category Webhooks and notifications
 */
export type AmazonUntypedNotification = AmazonNotificationEnvelope | AmazonCamelCaseNotificationEnvelope;

/**
 * A value from one of the SP-API schema's enumerations. The known values are listed; others are
 * accepted too, since Amazon adds values (order types, programs) without a new payload version.
 *
 * @category Webhooks and notifications
 */
export type AmazonEnum<Known extends string> = Known | (string & Record<never, never>);

/**
 * A line of an `ORDER_CHANGE` summary.
 *
 * @category Webhooks and notifications
 */
export interface AmazonOrderChangeItem {
  OrderItemId: string;
  SellerSKU: string;
  SupplySourceId: string | null;
  OrderItemStatus?: AmazonEnum<'Unshipped' | 'Shipped'>;
  Quantity: number;
  QuantityShipped?: number;
  IsBuyerRequestedCancel?: boolean;
  ItemEarliestDeliveryDate?: string;
  ItemLatestDeliveryDate?: string;
  [field: string]: unknown;
}

/**
 * The payload of `ORDER_CHANGE` (OrderChangeNotification.json).
 *
 * @category Webhooks and notifications
 */
export interface AmazonOrderChangePayload {
  OrderChangeNotification: {
    NotificationLevel: AmazonEnum<'OrderItemLevel' | 'OrderLevel'>;
    SellerId: string;
    AmazonOrderId: string;
    OrderChangeType: AmazonEnum<'BuyerRequestedChange' | 'DeliveryTipChange' | 'OrderStatusChange'>;
    OrderChangeTrigger: { TimeOfOrderChange: string | null; ChangeReason: string; [field: string]: unknown };
    Summary: {
      MarketplaceId: string;
      OrderStatus: AmazonEnum<
        | 'Pending'
        | 'Unshipped'
        | 'PartiallyShipped'
        | 'Shipped'
        | 'Canceled'
        | 'Unfulfillable'
        | 'InvoiceUnconfirmed'
        | 'PendingAvailability'
      >;
      PurchaseDate: string | null;
      DestinationPostalCode: string | null;
      FulfillmentType: AmazonEnum<'AFN' | 'MFN'>;
      OrderType: AmazonEnum<'StandardOrder' | 'LongLeadTimeOrder' | 'Preorder' | 'BackOrder' | 'SourcingOnDemandOrder'>;
      NumberOfItemsShipped?: number;
      NumberOfItemsUnshipped?: number;
      EarliestDeliveryDate?: string;
      LatestDeliveryDate?: string;
      EarliestShipDate?: string;
      LatestShipDate?: string;
      CancelNotifyDate?: string;
      OrderPrograms?: string[];
      ShippingPrograms?: string[];
      EasyShipShipmentStatus?: string;
      ElectronicInvoiceStatus?: string;
      OrderItems: AmazonOrderChangeItem[];
      [field: string]: unknown;
    };
    [field: string]: unknown;
  };
}

/**
 * The payload of `LISTINGS_ITEM_MFN_QUANTITY_CHANGE` (ListingsItemMfnQuantityChange.json).
 *
 * @category Webhooks and notifications
 */
export interface AmazonMfnQuantityChangePayload {
  SellerId: string;
  FulfillmentChannelCode: string;
  Sku: string;
  /** The quantity now available to buy (a count, never negative). */
  Quantity: number;
  [field: string]: unknown;
}

/**
 * The FBA inventory of one SKU in one marketplace, in an `FBA_INVENTORY_AVAILABILITY_CHANGES`
 * payload. Every quantity is a count.
 *
 * @category Webhooks and notifications
 */
export interface AmazonFbaMarketplaceInventory {
  MarketplaceId: string;
  ItemName: string;
  FulfillmentInventory: {
    InboundQuantityBreakdown: { Working: number; Shipped: number; Receiving: number; [field: string]: unknown };
    Fulfillable: number;
    Unfulfillable: number;
    Researching: number;
    ReservedQuantityBreakdown: {
      WarehouseProcessing: number;
      WarehouseTransfer: number;
      PendingCustomerOrder: number;
      [field: string]: unknown;
    };
    FutureSupplyBuyable: number;
    PendingCustomerOrderInTransit: number;
    [field: string]: unknown;
  };
  Stores?: unknown[];
  [field: string]: unknown;
}

/**
 * The payload of `FBA_INVENTORY_AVAILABILITY_CHANGES` (FBAInventoryAvailabilityChangeNotification.json).
 *
 * @category Webhooks and notifications
 */
export interface AmazonFbaInventoryAvailabilityPayload {
  SellerId: string;
  FNSKU: string;
  ASIN: string;
  SKU: string;
  FulfillmentInventoryByMarketplace: AmazonFbaMarketplaceInventory[];
  [field: string]: unknown;
}

/**
 * The payload of `FEED_PROCESSING_FINISHED` (FeedProcessingFinishedNotification.json).
 *
 * @category Webhooks and notifications
 */
export interface AmazonFeedProcessingFinishedPayload {
  feedProcessingFinishedNotification: {
    sellerId?: string;
    accountId: string;
    feedId: string;
    feedType: string;
    processingStatus: AmazonEnum<'CANCELLED' | 'DONE' | 'FATAL'>;
    resultFeedDocumentId?: string;
    [field: string]: unknown;
  };
}

/**
 * The payload of `REPORT_PROCESSING_FINISHED` (ReportProcessingFinishedNotification.json).
 *
 * @category Webhooks and notifications
 */
export interface AmazonReportProcessingFinishedPayload {
  reportProcessingFinishedNotification: {
    sellerId?: string;
    accountId: string;
    reportId: string;
    reportType: string;
    processingStatus: AmazonEnum<'CANCELLED' | 'DONE' | 'FATAL'>;
    reportDocumentId?: string;
    [field: string]: unknown;
  };
}

/**
 * The payload of `LISTINGS_ITEM_STATUS_CHANGE` (ListingsItemStatusChangeNotification.json).
 *
 * @category Webhooks and notifications
 */
export interface AmazonListingsItemStatusChangePayload {
  SellerId: string;
  MarketplaceId?: string;
  Asin?: string;
  Sku: string;
  CreatedDate?: string;
  Status: AmazonEnum<'BUYABLE' | 'DISCOVERABLE' | 'DELETED'>[];
  [field: string]: unknown;
}

/**
 * The notification types marketbridge types, each with its whole checked document (envelope
 * and payload, in the casing Amazon's schema for the type uses). `LISTINGS_ITEM_STATUS_CHANGE`
 * also arrives as `LISTINGS_ITEM_STATUS_CHANGED` (the name in its schema's enumeration).
 *
 * @category Webhooks and notifications
 */
export interface AmazonNotificationPayloads {
  ORDER_CHANGE: AmazonNotificationEnvelope<'ORDER_CHANGE', AmazonOrderChangePayload>;
  LISTINGS_ITEM_MFN_QUANTITY_CHANGE: AmazonNotificationEnvelope<
    'LISTINGS_ITEM_MFN_QUANTITY_CHANGE',
    AmazonMfnQuantityChangePayload
  >;
  FBA_INVENTORY_AVAILABILITY_CHANGES: AmazonNotificationEnvelope<
    'FBA_INVENTORY_AVAILABILITY_CHANGES',
    AmazonFbaInventoryAvailabilityPayload
  >;
  FEED_PROCESSING_FINISHED: AmazonCamelCaseNotificationEnvelope<
    'FEED_PROCESSING_FINISHED',
    AmazonFeedProcessingFinishedPayload
  >;
  REPORT_PROCESSING_FINISHED: AmazonCamelCaseNotificationEnvelope<
    'REPORT_PROCESSING_FINISHED',
    AmazonReportProcessingFinishedPayload
  >;
  LISTINGS_ITEM_STATUS_CHANGE: AmazonNotificationEnvelope<
    'LISTINGS_ITEM_STATUS_CHANGE' | 'LISTINGS_ITEM_STATUS_CHANGED',
    AmazonListingsItemStatusChangePayload
  >;
}

/**
 * A notification type marketbridge types (and checks): `ORDER_CHANGE`, `FEED_PROCESSING_FINISHED`, ...
 *
 * @category Webhooks and notifications
 */
export type AmazonNotificationType = keyof AmazonNotificationPayloads;
