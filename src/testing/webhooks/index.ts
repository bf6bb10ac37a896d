export {
  signHmacTestRequest,
  signStandardWebhooksTestRequest,
  signStripeStyleTestRequest,
  toFetchRequest,
  type TestWebhookRequest,
} from './signed-requests.js';
export {
  signShopifyTestRequest,
  type SignShopifyTestRequestInput,
} from '../../connectors/shopify/simulator/sign-webhook.js';
export { mercadoLibreTestRequest } from '../../connectors/mercadolibre/simulator/test-notification.js';
export { createEbayTestKey, signEbayTestRequest, type EbayTestKey } from '../../connectors/ebay/simulator/test-key.js';
