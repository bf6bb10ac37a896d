export * from './verify/index.js';
export { readWebhookRequest, headerValues, bodyBytes, type WebhookRequest, type WebhookHeaders } from './request.js';
export { createWebhookProcessor, type WebhookProcessor, type WebhookProcessorOptions } from './processor/processor.js';
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
