import { z } from 'zod';
import type { ShopifyWebhookPayloads, ShopifyWebhookTopic } from './webhooks.js';

/** Shopify's decimal strings (`"8.99"`, `"-1.00"`): a number in words is not a price. */
const decimal = () => z.string().regex(/^-?\d+(\.\d+)?$/, 'Expected a decimal string such as "8.99".');
// Shopify's ids exceed 2^53 (order ids such as 820982911946154500), so integers beyond the safe range are accepted.
const id = () => z.number().nonnegative().refine(Number.isInteger, 'Expected an integer id.');
const timestamp = () => z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'Expected an ISO timestamp.');

type PayloadSchemas = { [T in ShopifyWebhookTopic]: z.ZodType<ShopifyWebhookPayloads[T]> };

function build(): PayloadSchemas {
  const lineItem = z.looseObject({
    id: id(),
    sku: z.string().nullable(),
    title: z.string(),
    quantity: z.number().int().nonnegative(),
    price: decimal(),
    fulfillable_quantity: z.number().int().nonnegative(),
    current_quantity: z.number().int().nonnegative().optional(),
    variant_id: id().nullable(),
  });
  const order = z.looseObject({
    id: id(),
    admin_graphql_api_id: z.string().startsWith('gid://shopify/Order/'),
    name: z.string(),
    created_at: timestamp(),
    updated_at: timestamp(),
    cancelled_at: timestamp().nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code.'),
    total_price: decimal(),
    subtotal_price: decimal(),
    total_tax: decimal(),
    financial_status: z.string().nullable(),
    fulfillment_status: z.string().nullable(),
    line_items: z.array(lineItem),
  });
  const product = z.looseObject({
    id: id(),
    admin_graphql_api_id: z.string().optional(),
    title: z.string().optional(),
    status: z.string().optional(),
    updated_at: timestamp().optional(),
    variants: z
      .array(z.looseObject({ id: id(), sku: z.string().nullable(), price: decimal(), inventory_item_id: id() }))
      .optional(),
  });
  const level = z.looseObject({
    inventory_item_id: id(),
    location_id: id(),
    available: z.number().int().nullable(),
    updated_at: timestamp(),
  });
  const customer = z.looseObject({ id: id(), email: z.string().nullable(), phone: z.string().nullable() });
  const shop = { shop_id: id(), shop_domain: z.string().min(1) };
  return {
    'orders/create': order,
    'orders/updated': order,
    'orders/paid': order,
    'orders/cancelled': order,
    'orders/fulfilled': order,
    'products/create': product,
    'products/update': product,
    'products/delete': z.looseObject({ id: id() }),
    'inventory_levels/update': level,
    'inventory_levels/connect': level,
    'inventory_levels/disconnect': level,
    'app/uninstalled': z.looseObject({
      id: id(),
      name: z.string(),
      domain: z.string(),
      myshopify_domain: z.string().min(1),
    }),
    'customers/data_request': z.looseObject({
      ...shop,
      orders_requested: z.array(id()),
      customer,
      data_request: z.looseObject({ id: id() }),
    }),
    'customers/redact': z.looseObject({ ...shop, customer, orders_to_redact: z.array(id()) }),
    'shop/redact': z.looseObject(shop),
  };
}

let schemas: PayloadSchemas | undefined;

/**
 * The schema each typed Shopify webhook payload is checked with before its handler runs, built
 * on first use. Fields marketbridge types are checked; Shopify's other fields pass through.
 *
 * @example
 * ```ts
 * const checked = shopifyWebhookSchema('orders/create').safeParse(JSON.parse(body));
 * if (checked.success) console.log(checked.data.admin_graphql_api_id);
 * ```
 *
 * @category Webhooks and notifications
 */
export function shopifyWebhookSchema<T extends ShopifyWebhookTopic>(topic: T): z.ZodType<ShopifyWebhookPayloads[T]> {
  schemas ??= build();
  return schemas[topic];
}

/**
 * Whether `topic` is one marketbridge types (and so checks).
 *
 * @example
 * ```ts
 * isShopifyWebhookTopic('orders/create'); // true
 * ```
 *
 * @category Webhooks and notifications
 */
export function isShopifyWebhookTopic(topic: string): topic is ShopifyWebhookTopic {
  schemas ??= build();
  return Object.hasOwn(schemas, topic);
}
