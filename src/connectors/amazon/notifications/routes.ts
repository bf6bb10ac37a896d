import type { MaybePromise } from '../../../core/types.js';
import { checkedWebhookRoutes, type InvalidWebhookPayloadHandler } from '../../../webhooks/processor/payload-check.js';
import type { WebhookEvent, WebhookRoutes } from '../../../webhooks/processor/types.js';
import type { AmazonNotificationPayloads, AmazonNotificationType, AmazonUntypedNotification } from './documents.js';
import { AMAZON_NOTIFICATION_TYPES, amazonNotificationTypeOf } from './notification-types.js';
import { amazonNotificationEnvelopeSchema, amazonNotificationSchema } from './schemas.js';

/**
 * Typed handlers by notification type. Each receives the notification checked against its
 * type's schema (never a cast: a notification that fails the check does not reach the handler)
 * and the event (id, tenant, attempt).
 *
 * @example
 * ```ts
 * const handlers: AmazonNotificationHandlers = {
 *   ORDER_CHANGE: (notification) => orders.refresh(notification.Payload.OrderChangeNotification.AmazonOrderId),
 *   FEED_PROCESSING_FINISHED: (notification) => feeds.settle(notification.payload.feedProcessingFinishedNotification.feedId),
 * };
 * ```
 *
 * @category Webhooks and notifications
 */
export type AmazonNotificationHandlers = {
  [T in AmazonNotificationType]?: (
    notification: AmazonNotificationPayloads[T],
    event: WebhookEvent,
  ) => MaybePromise<void>;
};

/**
 * Handles a notification of a type marketbridge does not type; it receives the notification
 * with its envelope checked and its payload unchecked.
 *
 * @category Webhooks and notifications
 */
export type AmazonUntypedNotificationHandler = (
  notification: AmazonUntypedNotification,
  event: WebhookEvent,
) => MaybePromise<void>;

/**
 * Options of {@link amazonNotificationRoutes}.
 *
 * @example
 * ```ts
 * const options: AmazonNotificationRouteOptions = { untyped: { ANY_OFFER_CHANGED: onOffers }, onInvalidPayload: alert };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface AmazonNotificationRouteOptions {
  /** The platform the verifier reports (default `amazon`, as `createAmazonNotificationVerifier`). */
  platform?: string;
  /**
   * Handlers of types marketbridge does not type (`ANY_OFFER_CHANGED`, `B2B_ANY_OFFER_CHANGED`,
   * ...), by `NotificationType`: the envelope is checked, the payload is theirs to read.
   */
  untyped?: Record<string, AmazonUntypedNotificationHandler>;
  /**
   * Called with the typed failure of a notification that is not the shape of its type (its
   * handler does not run; the event is dead-lettered with reason `invalid_payload`).
   */
  onInvalidPayload?: InvalidWebhookPayloadHandler;
}

/**
 * Routes for the webhook processor from typed SP-API notification handlers:
 * `{ amazon: { ORDER_CHANGE: ... } }`. Every notification is checked before its handler runs,
 * also when a retry or a replay reads it back from the store: a typed type with its schema
 * ({@link amazonNotificationSchema}), an untyped one with the envelope schema. One that fails is
 * handed to `onInvalidPayload` as a typed failure and dead-lettered at once with reason
 * `invalid_payload`. A `LISTINGS_ITEM_STATUS_CHANGE` handler also takes the
 * `LISTINGS_ITEM_STATUS_CHANGED` spelling.
 *
 * @example
 * ```ts
 * const processor = createWebhookProcessor({
 *   verifiers: [createAmazonNotificationVerifier()],
 *   routes: amazonNotificationRoutes({ ORDER_CHANGE: onOrderChange }, { untyped: { ANY_OFFER_CHANGED: onOffers } }),
 *   context,
 * });
 * ```
 *
 * @category Webhooks and notifications
 */
export function amazonNotificationRoutes(
  handlers: AmazonNotificationHandlers,
  options: AmazonNotificationRouteOptions = {},
): WebhookRoutes {
  return checkedWebhookRoutes(
    {
      platform: options.platform ?? 'amazon',
      label: 'Amazon notification handlers',
      errorPlatform: 'amazon',
      typed: AMAZON_NOTIFICATION_TYPES,
      typedOf: amazonNotificationTypeOf,
      schemaOf: (type) => amazonNotificationSchema(type as AmazonNotificationType),
      envelope: amazonNotificationEnvelopeSchema,
      aliases: { LISTINGS_ITEM_STATUS_CHANGED: 'LISTINGS_ITEM_STATUS_CHANGE' },
    },
    handlers,
    options.untyped,
    options.onInvalidPayload,
  );
}
