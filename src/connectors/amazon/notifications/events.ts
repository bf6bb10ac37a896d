import type { OrderStatus } from '../../../model/order.js';

/**
 * What every canonical Amazon notification event carries.
 *
 * @example
 * ```ts
 * const seen = await store.get(`amazon:notification:${event.eventId}`);
 * ```
 */
export interface AmazonNotificationBase {
  /** `NotificationMetadata.NotificationId`: use it to process each notification once. */
  eventId: string;
  /** The SP-API notification type, e.g. `ORDER_CHANGE`. */
  topic: string;
  /** When the change happened (ISO timestamp). */
  occurredAt: string;
  sellerId?: string;
}

/**
 * A canonical event parsed from an SP-API notification.
 *
 * @example
 * ```ts
 * const event: AmazonNotificationEvent = { type: 'inventory.changed', eventId: 'n-1', topic: 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE', occurredAt: '2026-01-01T00:00:00.000Z', sku: 'MUG-1', locationId: 'MFN:DEFAULT', available: 4 };
 * ```
 */
export type AmazonNotificationEvent =
  | (AmazonNotificationBase & { type: 'order.changed'; orderId: string; status?: OrderStatus; marketplaceId?: string; changeType?: string; reason?: string })
  | (AmazonNotificationBase & { type: 'inventory.changed'; sku: string; locationId: string; available: number; reserved?: number; marketplaceId?: string })
  | (AmazonNotificationBase & { type: 'feed.finished'; feedId: string; feedType: string; processingStatus: string; resultDocumentId?: string })
  | (AmazonNotificationBase & { type: 'report.finished'; reportId: string; reportType: string; processingStatus: string; reportDocumentId?: string })
  | (AmazonNotificationBase & { type: 'listing.status_changed'; sku: string; asin?: string; marketplaceId?: string; status: string[] });

/**
 * Why a notification message could not be parsed.
 *
 * @example
 * ```ts
 * const reason: AmazonNotificationReason = 'unsupported_type';
 * ```
 */
export type AmazonNotificationReason = 'invalid_json' | 'invalid_envelope' | 'invalid_payload' | 'unsupported_type';
