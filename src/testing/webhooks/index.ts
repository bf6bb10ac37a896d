export {
  signShopifyTestRequest,
  signHmacTestRequest,
  signStandardWebhooksTestRequest,
  signStripeStyleTestRequest,
  mercadoLibreTestRequest,
  toFetchRequest,
  type TestWebhookRequest,
} from './signed-requests.js';
export { createEbayTestKey, signEbayTestRequest, type EbayTestKey } from '../../connectors/ebay/simulator/test-key.js';
