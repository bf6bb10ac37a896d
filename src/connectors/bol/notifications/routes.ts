import type { MaybePromise } from '../../../core/types.js';
import { checkedWebhookRoutes, type InvalidWebhookPayloadHandler } from '../../../webhooks/processor/payload-check.js';
import type { WebhookEvent, WebhookRoutes } from '../../../webhooks/processor/types.js';
import type { BolPushEvent, BolPushEvents, BolPushResource } from './events.js';
import { BOL_PUSH_RESOURCES, bolPushEnvelopeSchema, bolPushEventSchema, isBolPushResource } from './push-schemas.js';

/**
 * Typed handlers by pushed resource. Each receives the event checked against its resource's
 * schema (never a cast: an event that fails the check does not reach the handler) and the
 * processor's event (id, tenant, attempt).
 *
 * @example
 * ```ts
 * const handlers: BolPushHandlers = {
 *   PROCESS_STATUS: (pushed) => writes.settle(pushed.event.resourceId, pushed.event.type),
 *   SHIPMENT: (pushed) => shipments.refresh(pushed.event.resourceId),
 * };
 * ```
 *
 * @category Webhooks and notifications
 */
export type BolPushHandlers = {
  [R in BolPushResource]?: (pushed: BolPushEvents[R], event: WebhookEvent) => MaybePromise<void>;
};

/**
 * Handles a pushed event of a resource marketbridge does not type (`ORDER`, ...); it receives
 * the event with its envelope checked.
 *
 * @category Webhooks and notifications
 */
export type BolUntypedPushHandler = (pushed: BolPushEvent, event: WebhookEvent) => MaybePromise<void>;

/**
 * Options of {@link bolPushRoutes}.
 *
 * @example
 * ```ts
 * const options: BolPushRouteOptions = { untyped: { ORDER: onOrder }, onInvalidPayload: alert };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface BolPushRouteOptions {
  /** The platform the verifier reports (default `bol`, as `createBolVerifier`). */
  platform?: string;
  /** Handlers of resources marketbridge does not type, by resource: the envelope is checked. */
  untyped?: Record<string, BolUntypedPushHandler>;
  /**
   * Called with the typed failure of an event that is not the shape of its resource (its handler
   * does not run; the event is dead-lettered with reason `invalid_payload`).
   */
  onInvalidPayload?: InvalidWebhookPayloadHandler;
}

/**
 * Routes for the webhook processor from typed bol.com push handlers: `{ bol: { PROCESS_STATUS:
 * ... } }`. Every pushed event is checked before its handler runs, also when a retry or a replay
 * reads it back from the store: a typed resource with its schema ({@link bolPushEventSchema}),
 * another with the envelope schema. One that fails is handed to `onInvalidPayload` as a typed
 * failure and dead-lettered at once with reason `invalid_payload`.
 *
 * @example
 * ```ts
 * const processor = createWebhookProcessor({
 *   verifiers: [createBolVerifier({ fetchKeys: (signal) => bol.notifications.signatureKeys(signal) })],
 *   routes: bolPushRoutes({ PROCESS_STATUS: (pushed) => writes.settle(pushed.event.resourceId) }),
 *   context,
 * });
 * ```
 *
 * @category Webhooks and notifications
 */
export function bolPushRoutes(handlers: BolPushHandlers, options: BolPushRouteOptions = {}): WebhookRoutes {
  return checkedWebhookRoutes(
    {
      platform: options.platform ?? 'bol',
      label: 'bol.com push handlers',
      errorPlatform: 'bol',
      typed: BOL_PUSH_RESOURCES,
      typedOf: (resource) => (isBolPushResource(resource) ? resource : undefined),
      schemaOf: (resource) => bolPushEventSchema(resource as BolPushResource),
      envelope: bolPushEnvelopeSchema,
    },
    handlers,
    options.untyped,
    options.onInvalidPayload,
  );
}
