import type { Context } from '../../core/context.js';
import type { MaybePromise } from '../../core/types.js';
import {
  createWebhookProcessor,
  type WebhookProcessor,
  type WebhookProcessorOptions,
} from '../../webhooks/processor/processor.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import { checkedWebhookRoute, type InvalidWebhookPayloadHandler } from '../../webhooks/processor/payload-check.js';
import type { WebhookEvent, WebhookHandler, WebhookRoutes } from '../../webhooks/processor/types.js';
import { createShopifyVerifier } from './webhook-verifier.js';
import { isShopifyWebhookTopic, shopifyWebhookSchema } from './webhook-schemas.js';
import {
  assertComplianceHandlers,
  type ShopifyCompliancePayloads,
  type ShopifyComplianceHandlers,
} from './compliance-webhooks.js';

/**
 * A line of an order webhook payload (Shopify's webhook JSON is snake_case).
 *
 * @category Webhooks and notifications
 */
export interface ShopifyWebhookLineItem {
  id: number;
  sku: string | null;
  title: string;
  quantity: number;
  price: string;
  fulfillable_quantity: number;
  /** Quantity after removals (refunds, edits), when Shopify sends it. */
  current_quantity?: number;
  variant_id: number | null;
}

/**
 * The payload of `orders/create`, `orders/updated`, `orders/paid`, `orders/cancelled`,
 * `orders/fulfilled` (the fields marketbridge relies on; Shopify sends more).
 *
 * @category Webhooks and notifications
 */
export interface ShopifyOrderWebhook {
  id: number;
  admin_graphql_api_id: string;
  name: string;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  currency: string;
  total_price: string;
  subtotal_price: string;
  total_tax: string;
  financial_status: string | null;
  fulfillment_status: string | null;
  line_items: ShopifyWebhookLineItem[];
  [field: string]: unknown;
}

/**
 * The payload of `products/create`, `products/update` (`products/delete` carries only `id`).
 *
 * @category Webhooks and notifications
 */
export interface ShopifyProductWebhook {
  id: number;
  admin_graphql_api_id?: string;
  title?: string;
  status?: string;
  updated_at?: string;
  variants?: { id: number; sku: string | null; price: string; inventory_item_id: number }[];
  [field: string]: unknown;
}

/**
 * The payload of `inventory_levels/update`, `inventory_levels/connect`, `inventory_levels/disconnect`.
 *
 * @category Webhooks and notifications
 */
export interface ShopifyInventoryLevelWebhook {
  inventory_item_id: number;
  location_id: number;
  available: number | null;
  updated_at: string;
  [field: string]: unknown;
}

/**
 * The payload of `app/uninstalled`: the shop that removed the app. Stop calling it and
 * delete its tokens.
 *
 * @category Webhooks and notifications
 */
export interface ShopifyAppUninstalledWebhook {
  id: number;
  name: string;
  domain: string;
  myshopify_domain: string;
  [field: string]: unknown;
}

/**
 * The topics marketbridge types, with their payloads: the subscribable topics below and the
 * mandatory compliance topics (`customers/data_request`, `customers/redact`, `shop/redact`).
 *
 * @category Webhooks and notifications
 */
export interface ShopifyWebhookPayloads extends ShopifyCompliancePayloads {
  'orders/create': ShopifyOrderWebhook;
  'orders/updated': ShopifyOrderWebhook;
  'orders/paid': ShopifyOrderWebhook;
  'orders/cancelled': ShopifyOrderWebhook;
  'orders/fulfilled': ShopifyOrderWebhook;
  'products/create': ShopifyProductWebhook;
  'products/update': ShopifyProductWebhook;
  'products/delete': { id: number; [field: string]: unknown };
  'inventory_levels/update': ShopifyInventoryLevelWebhook;
  'inventory_levels/connect': ShopifyInventoryLevelWebhook;
  'inventory_levels/disconnect': ShopifyInventoryLevelWebhook;
  'app/uninstalled': ShopifyAppUninstalledWebhook;
}

/**
 * A typed webhook topic (`orders/create`, ...), as `X-Shopify-Topic` carries it.
 *
 * @category Webhooks and notifications
 */
export type ShopifyWebhookTopic = keyof ShopifyWebhookPayloads;

/**
 * Every typed topic that is subscribed through the Admin API (`webhookSubscriptionCreate`). The
 * compliance topics are declared in the app configuration instead: `SHOPIFY_COMPLIANCE_TOPICS`.
 *
 * @example
 * ```ts
 * for (const topic of SHOPIFY_WEBHOOK_TOPICS) await subscriptions.subscribe(topic, callbackUrl);
 * ```
 *
 * @category Webhooks and notifications
 */
export const SHOPIFY_WEBHOOK_TOPICS: readonly ShopifyWebhookTopic[] = [
  'orders/create',
  'orders/updated',
  'orders/paid',
  'orders/cancelled',
  'orders/fulfilled',
  'products/create',
  'products/update',
  'products/delete',
  'inventory_levels/update',
  'inventory_levels/connect',
  'inventory_levels/disconnect',
  'app/uninstalled',
];

/**
 * The GraphQL `WebhookSubscriptionTopic` of a REST-style topic: `orders/create` → `ORDERS_CREATE`.
 *
 * @example
 * ```ts
 * toGraphqlTopic('app/uninstalled'); // 'APP_UNINSTALLED'
 * ```
 *
 * @category Webhooks and notifications
 */
export function toGraphqlTopic(topic: string): string {
  return topic.replace(/\//g, '_').toUpperCase();
}

/**
 * The REST-style topic of a GraphQL `WebhookSubscriptionTopic`: `ORDERS_CREATE` → `orders/create`.
 *
 * @example
 * ```ts
 * fromGraphqlTopic('INVENTORY_LEVELS_UPDATE'); // 'inventory_levels/update'
 * ```
 *
 * @category Webhooks and notifications
 */
export function fromGraphqlTopic(topic: string): string {
  const known = SHOPIFY_WEBHOOK_TOPICS.find((candidate) => toGraphqlTopic(candidate) === topic);
  if (known) return known;
  const lower = topic.toLowerCase();
  const at = lower.indexOf('_');
  return at < 0 ? lower : `${lower.slice(0, at)}/${lower.slice(at + 1)}`;
}

/**
 * Typed handlers by topic. Each receives the payload checked against its topic's schema (never
 * a cast: a payload that fails the check does not reach the handler) and the verified event
 * (id, tenant, attempt). For other topics, add routes to the processor yourself.
 *
 * @example
 * ```ts
 * const handlers: ShopifyWebhookHandlers = {
 *   'orders/create': (order) => queue.push(order.admin_graphql_api_id),
 *   'app/uninstalled': (shop) => tokens.delete(shop.myshopify_domain),
 * };
 * ```
 *
 * @category Webhooks and notifications
 */
export type ShopifyWebhookHandlers = {
  [T in ShopifyWebhookTopic]?: (payload: ShopifyWebhookPayloads[T], event: WebhookEvent) => MaybePromise<void>;
};

/**
 * Routes for the webhook processor from typed handlers: `{ shopify: { 'orders/create': ... } }`.
 * Each payload is checked with its topic's schema ({@link shopifyWebhookSchema}) first; a handler
 * runs with the checked value only. A payload that fails is handed to `onInvalidPayload` as a
 * typed failure and dead-lettered at once with reason `invalid_payload`.
 *
 * @example
 * ```ts
 * const processor = createWebhookProcessor({ verifiers, routes: shopifyWebhookRoutes(handlers) });
 * ```
 *
 * @category Webhooks and notifications
 */
export function shopifyWebhookRoutes(
  handlers: ShopifyWebhookHandlers,
  platform = 'shopify',
  onInvalidPayload?: InvalidWebhookPayloadHandler,
): WebhookRoutes {
  const routes: Record<string, WebhookHandler> = {};
  for (const [topic, handler] of Object.entries(handlers)) {
    if (!handler) continue;
    if (!isShopifyWebhookTopic(topic)) {
      throw new ValidationError(
        'Shopify webhook handlers',
        [
          {
            path: [topic],
            message: `"${topic}" is not a typed topic (${SHOPIFY_WEBHOOK_TOPICS.join(', ')}, or a compliance topic); add a route to the processor for it yourself.`,
          },
        ],
        { platform: 'shopify' },
      );
    }
    routes[topic] = checkedWebhookRoute(
      platform,
      topic,
      () => shopifyWebhookSchema(topic),
      handler as (payload: unknown, event: WebhookEvent) => MaybePromise<void>,
      onInvalidPayload,
    );
  }
  return { [platform]: routes };
}

/**
 * Options of {@link createShopifyWebhookProcessor}.
 *
 * @example
 * ```ts
 * const options: ShopifyWebhookProcessorOptions = { secrets: [process.env.SHOPIFY_API_SECRET!], handlers, context };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface ShopifyWebhookProcessorOptions extends Omit<WebhookProcessorOptions, 'verifiers' | 'routes'> {
  /** The app's client secret(s); several while rotating. */
  secrets: readonly (string | Uint8Array)[];
  /** Typed handlers by topic. */
  handlers: ShopifyWebhookHandlers;
  /**
   * Handlers of the three mandatory compliance topics, all required (apps on the Shopify App
   * Store must answer them); they take precedence over `handlers` for those topics.
   */
  compliance?: ShopifyComplianceHandlers;
  /**
   * Called with the typed failure of a payload that is not the shape of its topic (its handler
   * does not run; the event is dead-lettered with reason `invalid_payload`).
   */
  onInvalidPayload?: InvalidWebhookPayloadHandler;
  /** Store (deduplication by `X-Shopify-Event-Id`), clock, events. */
  context?: Context;
}

/**
 * A webhook processor for Shopify: HMAC-verified (`X-Shopify-Hmac-Sha256` over the raw
 * body), deduplicated by `X-Shopify-Event-Id`, routed by `X-Shopify-Topic` to typed handlers,
 * with retries and a dead-letter queue for failing handlers. Give `compliance` to route the
 * mandatory privacy topics (checked: all three must be there).
 *
 * @example
 * ```ts
 * const processor = createShopifyWebhookProcessor({ secrets: [secret], handlers: { 'orders/create': onOrder }, compliance });
 * const outcome = await processor.receive('shopify', { headers: request.headers, body: await request.text() });
 * ```
 *
 * @category Webhooks and notifications
 */
export function createShopifyWebhookProcessor(options: ShopifyWebhookProcessorOptions): WebhookProcessor {
  const { secrets, handlers, compliance, onInvalidPayload, ...rest } = options;
  if (compliance !== undefined) assertComplianceHandlers(compliance);
  const routes = shopifyWebhookRoutes({ ...handlers, ...compliance }, 'shopify', onInvalidPayload);
  return createWebhookProcessor({ ...rest, verifiers: [createShopifyVerifier({ secrets })], routes });
}
