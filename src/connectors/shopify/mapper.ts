import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../core/result.js';
import { InventoryLevelSchema, type InventoryLevel } from '../../model/inventory.js';
import { formatMoney, parseMoney, type Money } from '../../model/money.js';
import type { Offer } from '../../model/offer.js';
import { OrderSchema, type Order, type OrderStatus } from '../../model/order.js';
import { ProductInputSchema, ProductSchema, type Product, type ProductInput } from '../../model/product.js';
import { fromGid, toGid } from './gid.js';
import type {
  ShopifyInventoryLevelNode,
  ShopifyMoneyBag,
  ShopifyOrderNode,
  ShopifyProductNode,
  ShopifyVariantNode,
} from './types.js';

/**
 * Why a Shopify payload could not become a canonical value.
 *
 * @category Platform types and mapping
 */
export type ShopifyMapReason = 'invalid_money' | 'missing_sku' | 'invalid_payload';

/**
 * The result of mapping one Shopify payload.
 *
 * @example
 * ```ts
 * const mapped: MapResult<Product> = toProduct(node, 'EUR');
 * if (mapped.isErr()) console.warn(mapped.error.reason);
 * ```
 *
 * @category Platform types and mapping
 */
export type MapResult<T> = Result<T, Failure<ShopifyMapReason>>;

function money(amount: string | null | undefined, currency: string, what: string): MapResult<Money> {
  const parsed = parseMoney(amount ?? '0', currency);
  return parsed.isOk() ? ok(parsed.value) : err(failure('invalid_money', `${what}: ${parsed.error.message}`));
}

function bag(value: ShopifyMoneyBag | null | undefined, currency: string, what: string): MapResult<Money> {
  return money(value?.shopMoney.amount, value?.shopMoney.currencyCode ?? currency, what);
}

function validated<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  what: string,
): MapResult<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`).join('; ');
  return err(failure('invalid_payload', `${what} does not fit the canonical model (${issues}).`));
}

/**
 * A Shopify variant as a canonical {@link Offer} priced in `currency` (the shop's currency).
 *
 * @example
 * ```ts
 * toOffer(variant, 'EUR'); // Ok({ sku: 'A-1', externalId: '1', price: { amountMinor: 1999, currency: 'EUR' }, ... })
 * ```
 */
export function toOffer(variant: ShopifyVariantNode, currency: string): MapResult<Offer> {
  if (!variant.sku)
    return err(failure('missing_sku', `Variant ${variant.id} has no SKU; give every variant a SKU to manage it.`));
  const price = money(variant.price, currency, `price of ${variant.sku}`);
  if (price.isErr()) return err(price.error);
  const offer: Offer = {
    sku: variant.sku,
    externalId: fromGid(variant.id),
    title: variant.title,
    price: price.value,
    condition: 'new',
    options: Object.fromEntries(
      variant.selectedOptions.filter((option) => option.name !== 'Title').map((option) => [option.name, option.value]),
    ),
  };
  if (variant.compareAtPrice) {
    const compareAt = money(variant.compareAtPrice, currency, `compare-at price of ${variant.sku}`);
    if (compareAt.isErr()) return err(compareAt.error);
    offer.compareAtPrice = compareAt.value;
  }
  if (variant.barcode) offer.barcode = variant.barcode;
  return ok(offer);
}

/**
 * A Shopify product as a canonical {@link Product}; the GID becomes the numeric id, variants
 * become offers.
 *
 * @example
 * ```ts
 * const product = toProduct(node, 'EUR')._unsafeUnwrap();
 * product.id; // '1' for gid://shopify/Product/1
 * ```
 */
export function toProduct(node: ShopifyProductNode, currency: string): MapResult<Product> {
  const offers: Offer[] = [];
  for (const variant of node.variants.nodes) {
    const offer = toOffer(variant, currency);
    if (offer.isErr()) return err(offer.error);
    offers.push(offer.value);
  }
  return validated<Product>(
    ProductSchema,
    {
      id: fromGid(node.id),
      title: node.title,
      ...(node.descriptionHtml ? { description: node.descriptionHtml } : {}),
      ...(node.vendor ? { brand: node.vendor } : {}),
      ...(node.productType ? { categoryId: node.productType } : {}),
      status: node.status === 'ACTIVE' ? 'active' : node.status === 'ARCHIVED' ? 'archived' : 'draft',
      offers,
      updatedAt: node.updatedAt,
    },
    `Product ${node.id}`,
  );
}

/**
 * The variables of `productSet` for a canonical product: options from the offers' `options`
 * (or one `Title` option), prices as decimal strings, the GID identifier when `id` is set.
 *
 * @example
 * ```ts
 * const { input, identifier } = toProductSetVariables({ title: 'Mug', offers: [{ sku: 'MUG-1', price: { amountMinor: 899, currency: 'EUR' } }] });
 * input.variants[0].price; // '8.99'
 * ```
 */
export function toProductSetVariables(product: ProductInput): {
  input: Record<string, unknown>;
  identifier: { id: string } | null;
} {
  const parsed = ProductInputSchema.parse(product);
  const optionNames = [...new Set(parsed.offers.flatMap((offer) => Object.keys(offer.options)))];
  const names = optionNames.length > 0 ? optionNames : ['Title'];
  const optionValueOf = (offer: (typeof parsed.offers)[number], name: string) =>
    optionNames.length > 0
      ? (offer.options[name] ?? 'Default')
      : parsed.offers.length === 1
        ? 'Default Title'
        : (offer.title ?? offer.sku);
  const productOptions = names.map((name) => ({
    name,
    values: [...new Set(parsed.offers.map((offer) => optionValueOf(offer, name)))].map((value) => ({ name: value })),
  }));
  const variants = parsed.offers.map((offer) => ({
    ...(offer.externalId ? { id: toGid('ProductVariant', offer.externalId) } : {}),
    sku: offer.sku,
    price: formatMoney(offer.price),
    compareAtPrice: offer.compareAtPrice ? formatMoney(offer.compareAtPrice) : null,
    ...(offer.barcode ? { barcode: offer.barcode } : {}),
    ...(offer.cost
      ? { inventoryItem: { cost: formatMoney(offer.cost), tracked: true } }
      : { inventoryItem: { tracked: true } }),
    optionValues: names.map((name) => ({ optionName: name, name: optionValueOf(offer, name) })),
  }));
  const input: Record<string, unknown> = {
    title: parsed.title,
    status: parsed.status.toUpperCase(),
    productOptions,
    variants,
  };
  if (parsed.description !== undefined) input.descriptionHtml = parsed.description;
  if (parsed.brand !== undefined) input.vendor = parsed.brand;
  if (parsed.categoryId !== undefined) input.productType = parsed.categoryId;
  return { input, identifier: parsed.id ? { id: toGid('Product', parsed.id) } : null };
}

/**
 * The quantity named `name` of a level (0 when absent).
 *
 * @example
 * ```ts
 * quantityOf(level, 'available'); // 5
 * ```
 */
export function quantityOf(level: ShopifyInventoryLevelNode, name: string): number {
  return level.quantities.find((quantity) => quantity.name === name)?.quantity ?? 0;
}

/**
 * A Shopify inventory level as a canonical {@link InventoryLevel}. Shopify's `on_hand` counts
 * every state, so `reserved` is everything on hand that is not available; `version` is the
 * available quantity, the value Shopify's compare-and-set compares against. Negative
 * (oversold) availability reads as 0.
 *
 * @example
 * ```ts
 * toInventoryLevel('A-1', level)._unsafeUnwrap(); // { sku: 'A-1', locationId: '1', available: 5, reserved: 1, onHand: 6, version: 5, ... }
 * ```
 */
export function toInventoryLevel(sku: string, level: ShopifyInventoryLevelNode): MapResult<InventoryLevel> {
  const available = Math.max(0, quantityOf(level, 'available'));
  const reserved = Math.max(0, quantityOf(level, 'on_hand') - available);
  return validated<InventoryLevel>(
    InventoryLevelSchema,
    {
      sku,
      locationId: fromGid(level.location.id),
      available,
      reserved,
      onHand: available + reserved,
      updatedAt: level.updatedAt,
      version: available,
    },
    `Inventory level of ${sku}`,
  );
}

/**
 * The canonical status of a Shopify order.
 *
 * @example
 * ```ts
 * orderStatusOf({ cancelledAt: null, displayFulfillmentStatus: 'PARTIALLY_FULFILLED' }); // 'partially_shipped'
 * ```
 */
export function orderStatusOf(order: Pick<ShopifyOrderNode, 'cancelledAt' | 'displayFulfillmentStatus'>): OrderStatus {
  if (order.cancelledAt) return 'cancelled';
  switch (order.displayFulfillmentStatus) {
    case 'FULFILLED':
      return 'shipped';
    case 'PARTIALLY_FULFILLED':
      return 'partially_shipped';
    case 'RESTOCKED':
      return 'cancelled';
    case 'PENDING_FULFILLMENT':
    case 'ON_HOLD':
    case 'SCHEDULED':
      return 'pending';
    default:
      return 'unshipped';
  }
}

/**
 * A Shopify order as a canonical {@link Order}: money from the shop-currency `MoneyBag`s,
 * shipped and cancelled quantities from the current and unfulfilled quantities.
 *
 * @example
 * ```ts
 * const order = toOrder(node)._unsafeUnwrap();
 * order.totals.total; // { amountMinor: 2499, currency: 'EUR' }
 * ```
 */
export function toOrder(node: ShopifyOrderNode): MapResult<Order> {
  const currency = node.totalPriceSet?.shopMoney.currencyCode ?? node.currencyCode;
  const lineItems = [];
  for (const line of node.lineItems.nodes) {
    const unitPrice = bag(line.originalUnitPriceSet, currency, `unit price of line ${line.id}`);
    if (unitPrice.isErr()) return err(unitPrice.error);
    const cancelled = Math.max(0, line.quantity - line.currentQuantity);
    lineItems.push({
      id: fromGid(line.id),
      sku: line.sku || `line-${fromGid(line.id)}`,
      title: line.title,
      quantity: line.quantity,
      unitPrice: unitPrice.value,
      quantityShipped: Math.max(0, line.currentQuantity - line.unfulfilledQuantity),
      quantityCancelled: cancelled,
    });
  }
  const totals: Record<string, Money> = {};
  for (const [key, value] of [
    ['subtotal', node.subtotalPriceSet],
    ['shipping', node.totalShippingPriceSet],
    ['tax', node.totalTaxSet],
    ['total', node.totalPriceSet],
  ] as const) {
    const amount = bag(value, currency, `${key} of order ${node.name}`);
    if (amount.isErr()) return err(amount.error);
    totals[key] = amount.value;
  }
  const address = node.shippingAddress;
  return validated<Order>(
    OrderSchema,
    {
      id: fromGid(node.id),
      marketplace: 'shopify',
      status: orderStatusOf(node),
      createdAt: node.createdAt,
      updatedAt: node.updatedAt,
      acknowledged: false,
      currency,
      lineItems,
      totals,
      ...(address?.address1 && address.city && address.countryCodeV2
        ? {
            shippingAddress: {
              line1: address.address1,
              city: address.city,
              countryCode: address.countryCodeV2,
              ...(address.name ? { name: address.name } : {}),
              ...(address.company ? { company: address.company } : {}),
              ...(address.address2 ? { line2: address.address2 } : {}),
              ...(address.provinceCode ? { region: address.provinceCode } : {}),
              ...(address.zip ? { postalCode: address.zip } : {}),
              ...(address.phone ? { phone: address.phone } : {}),
            },
          }
        : {}),
      buyer: {
        ...(node.customer?.displayName ? { name: node.customer.displayName } : {}),
        ...(node.email ? { email: node.email } : {}),
      },
    },
    `Order ${node.name}`,
  );
}
