/**
 * What {@link signShopifyWebhook} needs.
 *
 * @example
 * ```ts
 * const input: SignShopifyWebhookInput = { topic: 'orders/create', payload: { id: 1 }, secret: 'app-secret' };
 * ```
 */
export interface SignShopifyWebhookInput {
  topic: string;
  payload: unknown;
  /** The app's client secret. */
  secret: string;
  /** `X-Shopify-Event-Id` (default: a random UUID). */
  eventId?: string;
  /** `X-Shopify-Shop-Domain` (default `sim-shop.myshopify.com`). */
  shop?: string;
}

/**
 * Builds a webhook delivery exactly as Shopify signs it: the raw JSON body and the
 * `X-Shopify-Hmac-Sha256` (base64 HMAC-SHA256 under the app secret), topic, shop, event id
 * and webhook id headers. For tests of your webhook endpoint.
 *
 * @example
 * ```ts
 * const delivery = await signShopifyWebhook({ topic: 'app/uninstalled', payload: { id: 1 }, secret });
 * await processor.receive('shopify', delivery);
 * ```
 */
export async function signShopifyWebhook(input: SignShopifyWebhookInput): Promise<{ headers: Record<string, string>; body: string }> {
  const body = JSON.stringify(input.payload);
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(input.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
  const eventId = input.eventId ?? crypto.randomUUID();
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-hmac-sha256': btoa(String.fromCharCode(...signature)),
      'x-shopify-topic': input.topic,
      'x-shopify-shop-domain': input.shop ?? 'sim-shop.myshopify.com',
      'x-shopify-event-id': eventId,
      'x-shopify-webhook-id': eventId,
      'x-shopify-api-version': '2026-10',
    },
  };
}
