import { toBase64, utf8 } from '../../../core/bytes.js';
import { HmacKeys, type HmacProvider } from '../../../webhooks/verify/hmac-keys.js';
import type { TestWebhookRequest } from '../../../testing/webhooks/signed-requests.js';
import { SHOPIFY_DEFAULT_API_VERSION } from '../api-version.js';

/**
 * What {@link signShopifyTestRequest} needs: the app's secret and the body, as text (`body`,
 * signed byte for byte) or as a value (`payload`, sent as its JSON).
 *
 * @category Simulator
 */
export interface SignShopifyTestRequestInput {
  /** The app's client secret. */
  secret: string;
  /** The raw body, signed exactly as given. */
  body?: string;
  /** A value sent as its JSON when no `body` is given (`null` is sent as `null`; without either, `{}`). */
  payload?: unknown;
  /** `X-Shopify-Topic` (default `orders/create`). */
  topic?: string;
  /** `X-Shopify-Event-Id` and `X-Shopify-Webhook-Id` (default: a random UUID). */
  eventId?: string;
  /** `X-Shopify-Shop-Domain` (default `sim-shop.myshopify.com`, the simulator's shop). */
  shop?: string;
  /** `X-Shopify-API-Version` (default: the connector's default version). */
  apiVersion?: string;
  /** How the HMAC is computed (default: Web Crypto). */
  hmac?: HmacProvider;
}

/**
 * Builds a webhook delivery exactly as Shopify signs it: the raw body and the
 * `X-Shopify-Hmac-Sha256` header (base64 HMAC-SHA256 of the body under the app's secret), with
 * the topic, shop, event id, webhook id and API version headers. For tests of a webhook
 * endpoint; the result goes straight into a verifier or the webhook processor.
 *
 * @example
 * ```ts
 * const delivery = await signShopifyTestRequest({ secret, topic: 'app/uninstalled', payload: { id: 1 } });
 * await processor.receive('shopify', delivery);
 * ```
 *
 * @category Simulator
 */
export async function signShopifyTestRequest(input: SignShopifyTestRequestInput): Promise<TestWebhookRequest> {
  const body = input.body ?? (input.payload === undefined ? '{}' : JSON.stringify(input.payload));
  const [mac] = await new HmacKeys([utf8(input.secret)], 'SHA-256', input.hmac).macs(utf8(body));
  const eventId = input.eventId ?? crypto.randomUUID();
  return {
    headers: {
      'content-type': 'application/json',
      'x-shopify-hmac-sha256': toBase64(mac!),
      'x-shopify-topic': input.topic ?? 'orders/create',
      'x-shopify-shop-domain': input.shop ?? 'sim-shop.myshopify.com',
      'x-shopify-event-id': eventId,
      'x-shopify-webhook-id': eventId,
      'x-shopify-api-version': input.apiVersion ?? SHOPIFY_DEFAULT_API_VERSION,
    },
    body,
  };
}
