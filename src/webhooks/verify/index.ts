export type {
  WebhookFailureReason,
  WebhookFailure,
  VerifiedWebhook,
  WebhookVerification,
  WebhookVerifier,
} from './types.js';
export { createWebCryptoHmacProvider, defaultHmacProvider, type HmacHash, type HmacProvider } from './hmac-provider.js';
export { DEFAULT_TOLERANCE_SECONDS } from './verifier-options.js';
export { createHmacVerifier, type HmacVerifierOptions } from './hmac.js';
export {
  createStandardWebhooksVerifier,
  decodeStandardWebhooksSecret,
  type StandardWebhooksVerifierOptions,
} from './standard-webhooks.js';
export { createStripeStyleVerifier, type StripeStyleVerifierOptions } from './stripe.js';
