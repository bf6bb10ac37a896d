import { ValidationError } from '../../core/errors/validation-error.js';
import type { MaybePromise } from '../../core/types.js';
import type { WebhookEvent } from '../../webhooks/processor/types.js';

/**
 * The customer a privacy request is about.
 *
 * @category Webhooks and notifications
 */
export interface ShopifyComplianceCustomer {
  id: number;
  email: string | null;
  phone: string | null;
  [field: string]: unknown;
}

/**
 * The payload of `customers/data_request`: a customer asked the shop for the data held about
 * them. Send what your app stores about this customer (and these orders) to the merchant.
 *
 * @category Webhooks and notifications
 */
export interface ShopifyCustomersDataRequestWebhook {
  shop_id: number;
  shop_domain: string;
  orders_requested: number[];
  customer: ShopifyComplianceCustomer;
  data_request: { id: number };
  [field: string]: unknown;
}

/**
 * The payload of `customers/redact`: delete (or anonymise) what your app stores about this
 * customer and these orders, unless the law obliges you to keep it.
 *
 * @category Webhooks and notifications
 */
export interface ShopifyCustomersRedactWebhook {
  shop_id: number;
  shop_domain: string;
  customer: ShopifyComplianceCustomer;
  orders_to_redact: number[];
  [field: string]: unknown;
}

/**
 * The payload of `shop/redact`, sent 48 hours after a shop uninstalled the app: delete what your
 * app stores about the shop.
 *
 * @category Webhooks and notifications
 */
export interface ShopifyShopRedactWebhook {
  shop_id: number;
  shop_domain: string;
  [field: string]: unknown;
}

/**
 * The mandatory compliance topics with their payloads.
 *
 * @category Webhooks and notifications
 */
export interface ShopifyCompliancePayloads {
  'customers/data_request': ShopifyCustomersDataRequestWebhook;
  'customers/redact': ShopifyCustomersRedactWebhook;
  'shop/redact': ShopifyShopRedactWebhook;
}

/**
 * One of the three mandatory compliance topics.
 *
 * @category Webhooks and notifications
 */
export type ShopifyComplianceTopic = keyof ShopifyCompliancePayloads;

/**
 * The mandatory compliance topics every app on the Shopify App Store must handle. They are not
 * subscribed through the Admin API (`webhookSubscriptionCreate` has no such topics): declare
 * their URL in the app configuration (`compliance_topics` in `shopify.app.toml`, or the Partner
 * Dashboard); Shopify signs them like every webhook.
 *
 * @example
 * ```ts
 * for (const topic of SHOPIFY_COMPLIANCE_TOPICS) console.log(`compliance_topics includes ${topic}`);
 * ```
 *
 * @category Webhooks and notifications
 */
export const SHOPIFY_COMPLIANCE_TOPICS: readonly ShopifyComplianceTopic[] = [
  'customers/data_request',
  'customers/redact',
  'shop/redact',
];

/**
 * A handler for each compliance topic: all three are required, so a missing one is a type error.
 * Shopify expects a 2xx answer quickly and the request itself carried out within 30 days: record
 * the request in the handler and do the work in your own job if it takes long. A delivery whose
 * HMAC does not verify is answered 401, as the App Store review checks.
 *
 * @example
 * ```ts
 * const compliance: ShopifyComplianceHandlers = {
 *   'customers/data_request': (request) => privacy.exportCustomer(request.shop_domain, request.customer.id),
 *   'customers/redact': (request) => privacy.redactCustomer(request.shop_domain, request.customer.id, request.orders_to_redact),
 *   'shop/redact': (request) => privacy.deleteShop(request.shop_domain),
 * };
 * ```
 *
 * @category Webhooks and notifications
 */
export type ShopifyComplianceHandlers = {
  [T in ShopifyComplianceTopic]: (payload: ShopifyCompliancePayloads[T], event: WebhookEvent) => MaybePromise<void>;
};

/**
 * Checks at run time that every compliance topic has a handler (for callers without types), and
 * reports every missing one together.
 *
 * @example
 * ```ts
 * assertComplianceHandlers(options.compliance);
 * ```
 *
 * @category Webhooks and notifications
 */
export function assertComplianceHandlers(
  handlers: Partial<ShopifyComplianceHandlers> | undefined,
): asserts handlers is ShopifyComplianceHandlers {
  const missing = SHOPIFY_COMPLIANCE_TOPICS.filter((topic) => typeof handlers?.[topic] !== 'function');
  if (missing.length === 0) return;
  throw new ValidationError(
    'Shopify compliance handlers',
    missing.map((topic) => ({
      path: ['compliance', topic],
      message: `Give a handler for ${topic}: every app on the Shopify App Store must answer the three compliance topics.`,
    })),
    { platform: 'shopify' },
  );
}
