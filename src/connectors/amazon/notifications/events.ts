import type { OrderStatus } from '../../../model/order.js';

/**
 * What every canonical Amazon notification event carries.
 *
 * @category Webhooks and notifications
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
 * @category Webhooks and notifications
 */
export type AmazonNotificationEvent =
  | (AmazonNotificationBase & {
      type: 'order.changed';
      orderId: string;
      status?: OrderStatus;
      marketplaceId?: string;
      changeType?: string;
      reason?: string;
    })
  | (AmazonNotificationBase & {
      type: 'inventory.changed';
      sku: string;
      locationId: string;
      available: number;
      reserved?: number;
      marketplaceId?: string;
    })
  | (AmazonNotificationBase & {
      type: 'feed.finished';
      feedId: string;
      feedType: string;
      processingStatus: string;
      resultDocumentId?: string;
    })
  | (AmazonNotificationBase & {
      type: 'report.finished';
      reportId: string;
      reportType: string;
      processingStatus: string;
      reportDocumentId?: string;
    })
  | (AmazonNotificationBase & {
      type: 'listing.status_changed';
      sku: string;
      asin?: string;
      marketplaceId?: string;
      status: string[];
    });

/**
 * Why a notification message could not be parsed.
 *
 * @category Webhooks and notifications
 */
export type AmazonNotificationReason = 'invalid_json' | 'invalid_envelope' | 'invalid_payload' | 'unsupported_type';
