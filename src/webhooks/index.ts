/**
 * Webhooks verified and processed exactly once: signature verifiers (HMAC, Standard Webhooks,
 * Stripe-style, ECDSA), the webhook processor with deduplication, retries and dead letters,
 * and the HTTP handlers that put it behind a route.
 *
 * @example
 * ```ts
 * import { createStandardWebhooksVerifier, createWebhookProcessor } from 'marketbridge/webhooks';
 * const processor = createWebhookProcessor({ verifiers: [createStandardWebhooksVerifier({ platform: 'acme', secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] })], routes: { acme: { 'order.created': async () => {} } } });
 * ```
 *
 * @module marketbridge/webhooks
 */
export * from './verify/index.js';
export { readWebhookRequest, headerValues, bodyBytes, type WebhookRequest, type WebhookHeaders } from './request.js';
export { createWebhookProcessor, type WebhookProcessor, type WebhookProcessorOptions } from './processor/processor.js';
export {
  checkedWebhookRoute,
  type WebhookPayloadFailure,
  type InvalidWebhookPayloadHandler,
} from './processor/payload-check.js';
export type {
  WebhookEvent,
  WebhookHandler,
  WebhookRoutes,
  WebhookOutcome,
  WebhookRetryOptions,
  DeadLetter,
  RetryRunSummary,
} from './processor/types.js';
export {
  createWebhookHandler,
  handleWebhook,
  webhookHttpResponse,
  webhookErrorResponse,
  type WebhookHttpResponse,
  type WebhookAdapterOptions,
  type PlatformResolver,
} from './http.js';
export {
  createWebhookEndpoints,
  type WebhookEndpoints,
  type WebhookEndpoint,
  type RegisterEndpointInput,
  type TestDelivery,
} from './endpoints.js';
