export type { WebhookFailureReason, WebhookFailure, VerifiedWebhook, WebhookVerification, WebhookVerifier } from './types.js';
export { DEFAULT_TOLERANCE_SECONDS, type HmacHash, type HmacProvider } from './common.js';
export { createShopifyVerifier, type ShopifyVerifierOptions } from '../../connectors/shopify/webhook-verifier.js';
export { createHmacVerifier, type HmacVerifierOptions } from './hmac.js';
export { createStandardWebhooksVerifier, decodeStandardWebhooksSecret, type StandardWebhooksVerifierOptions } from './standard-webhooks.js';
export { createStripeStyleVerifier, type StripeStyleVerifierOptions } from './stripe.js';
export { createEbayVerifier, EBAY_KID_PATTERN, type EbayVerifierOptions } from '../../connectors/ebay/notifications/verifier.js';
export { createEbayKeyFetcher, type EbayKeyFetcher, type EbayKeyFetcherOptions, type EbayPublicKey } from '../../connectors/ebay/notifications/key-fetcher.js';
export { createMercadoLibreVerifier, MERCADOLIBRE_TOPICS, type MercadoLibreNotification, type MercadoLibreVerifierOptions } from '../../connectors/mercadolibre/notifications/verifier.js';
