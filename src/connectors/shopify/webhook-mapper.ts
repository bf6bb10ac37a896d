import { toGid } from './gid.js';
import { toOrder, type MapResult } from './mapper.js';
import type { Order } from '../../model/order.js';
import type { ShopifyAddress, ShopifyOrderNode } from './types.js';
import type { ShopifyOrderWebhook } from './webhooks.js';

const bag = (amount: unknown, currency: string) => ({
  shopMoney: { amount: typeof amount === 'string' ? amount : '0', currencyCode: currency },
});

function address(value: unknown): ShopifyAddress | null {
  const raw = value as Record<string, string | null> | null | undefined;
  if (!raw) return null;
  return {
    name: raw.name ?? null,
    company: raw.company ?? null,
    address1: raw.address1 ?? null,
    address2: raw.address2 ?? null,
    city: raw.city ?? null,
    provinceCode: raw.province_code ?? null,
    zip: raw.zip ?? null,
    countryCodeV2: raw.country_code ?? null,
    phone: raw.phone ?? null,
  };
}

/**
 * An order webhook payload (`orders/create`, `orders/updated`, ...; Shopify's snake_case JSON)
 * as a canonical {@link Order}, through the same mapping as the GraphQL answers: exact money,
 * numeric ids, shipped and cancelled quantities. An unreadable payload is a failure with a
 * reason, not an exception.
 *
 * @example
 * ```ts
 * const handlers = { 'orders/create': (payload) => { const order = orderFromWebhook(payload); if (order.isOk()) save(order.value); } };
 * ```
 *
 * @category Webhooks and notifications
 */
export function orderFromWebhook(payload: ShopifyOrderWebhook): MapResult<Order> {
  const currency = payload.currency;
  const shipping =
    (payload.total_shipping_price_set as { shop_money?: { amount?: string } } | undefined)?.shop_money?.amount ?? '0';
  const customer = payload.customer as { first_name?: string; last_name?: string } | null | undefined;
  const fulfilled = payload.fulfillment_status === 'fulfilled';
  const node: ShopifyOrderNode = {
    id: payload.admin_graphql_api_id ?? toGid('Order', String(payload.id)),
    name: payload.name,
    createdAt: payload.created_at,
    updatedAt: payload.updated_at,
    cancelledAt: payload.cancelled_at,
    closed: Boolean(payload.closed_at),
    displayFulfillmentStatus: fulfilled
      ? 'FULFILLED'
      : payload.fulfillment_status === 'partial'
        ? 'PARTIALLY_FULFILLED'
        : 'UNFULFILLED',
    email: typeof payload.email === 'string' ? payload.email : null,
    currencyCode: currency,
    customer: customer ? { displayName: [customer.first_name, customer.last_name].filter(Boolean).join(' ') } : null,
    subtotalPriceSet: bag(payload.subtotal_price, currency),
    totalShippingPriceSet: bag(shipping, currency),
    totalTaxSet: bag(payload.total_tax, currency),
    totalPriceSet: bag(payload.total_price, currency),
    shippingAddress: address(payload.shipping_address),
    lineItems: {
      nodes: (payload.line_items ?? []).map((line) => {
        const current = Math.min(line.quantity, Math.max(0, line.current_quantity ?? line.quantity));
        return {
          id: toGid('LineItem', String(line.id)),
          sku: line.sku,
          title: line.title,
          quantity: line.quantity,
          currentQuantity: current,
          unfulfilledQuantity: payload.cancelled_at ? 0 : Math.min(current, line.fulfillable_quantity),
          originalUnitPriceSet: bag(line.price, currency),
        };
      }),
      pageInfo: { hasNextPage: false, endCursor: null },
    },
  };
  return toOrder(node);
}
