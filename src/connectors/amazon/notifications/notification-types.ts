import type { AmazonNotificationType } from './documents.js';

/**
 * Every notification type marketbridge types, in a stable order.
 *
 * @example
 * ```ts
 * for (const type of AMAZON_NOTIFICATION_TYPES) await amazon.notifications.subscribe(type, destinationId);
 * ```
 *
 * @category Webhooks and notifications
 */
export const AMAZON_NOTIFICATION_TYPES: readonly AmazonNotificationType[] = [
  'ORDER_CHANGE',
  'LISTINGS_ITEM_MFN_QUANTITY_CHANGE',
  'FBA_INVENTORY_AVAILABILITY_CHANGES',
  'FEED_PROCESSING_FINISHED',
  'REPORT_PROCESSING_FINISHED',
  'LISTINGS_ITEM_STATUS_CHANGE',
];

/**
 * The typed notification type a `NotificationType` value belongs to, or `undefined` for a type
 * marketbridge does not type. `LISTINGS_ITEM_STATUS_CHANGED` (the name in its schema's
 * enumeration) belongs to `LISTINGS_ITEM_STATUS_CHANGE` (the name Amazon sends and documents).
 *
 * @example
 * ```ts
 * amazonNotificationTypeOf('LISTINGS_ITEM_STATUS_CHANGED'); // 'LISTINGS_ITEM_STATUS_CHANGE'
 * amazonNotificationTypeOf('ANY_OFFER_CHANGED'); // undefined
 * ```
 *
 * @category Webhooks and notifications
 */
export function amazonNotificationTypeOf(notificationType: string): AmazonNotificationType | undefined {
  if (notificationType === 'LISTINGS_ITEM_STATUS_CHANGED') return 'LISTINGS_ITEM_STATUS_CHANGE';
  return (AMAZON_NOTIFICATION_TYPES as readonly string[]).includes(notificationType)
    ? (notificationType as AmazonNotificationType)
    : undefined;
}
