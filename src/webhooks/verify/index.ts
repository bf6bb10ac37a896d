export type { WebhookFailureReason, WebhookFailure, VerifiedWebhook, WebhookVerification, WebhookVerifier } from './types.js';
export { type HmacHash, type HmacProvider } from './hmac-keys.js';
export { DEFAULT_TOLERANCE_SECONDS } from './verifier-options.js';
export { createHmacVerifier, type HmacVerifierOptions } from './hmac.js';
export { createStandardWebhooksVerifier, decodeStandardWebhooksSecret, type StandardWebhooksVerifierOptions } from './standard-webhooks.js';
export { createStripeStyleVerifier, type StripeStyleVerifierOptions } from './stripe.js';
