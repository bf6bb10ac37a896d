import { SimGraphqlError, type SimResolver } from './resolver.js';
import { parseSearch } from './search-terms.js';
import { page } from './paging.js';
import { gid, gidNumber, levelKey, type ShopifySimState, type SimOrder } from './state.js';

const bag = (amount: string, currency: string) => ({ shopMoney: { amount, currencyCode: currency } });

/** Decimal strings summed exactly, in cents (the simulator's shop uses 2-decimal currencies). */
function cents(amount: string): number {
  const [whole = '0', fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number(`${fraction}00`.slice(0, 2));
}
function decimal(value: number): string {
  return `${Math.trunc(value / 100)}.${String(value % 100).padStart(2, '0')}`;
}

/**
 * An order as the Admin API returns it.
 *
 * @example
 * ```ts
 * orderNode(state, order);
 * ```
 */
export function orderNode(state: ShopifySimState, order: SimOrder): Record<string, unknown> {
  const currency = state.currency;
  const subtotal = order.lines.reduce((sum, line) => sum + cents(line.unitPrice) * line.currentQuantity, 0);
  const total = subtotal + cents(order.shipping) + cents(order.tax);
  const open = order.lines.reduce((sum, line) => sum + line.currentQuantity - line.fulfilled, 0);
  const shipped = order.lines.reduce((sum, line) => sum + line.fulfilled, 0);
  return {
    id: gid('Order', order.id),
    name: order.name,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    closed: order.cancelledAt !== null || open === 0,
    displayFulfillmentStatus:
      open === 0 && shipped > 0 ? 'FULFILLED' : shipped > 0 ? 'PARTIALLY_FULFILLED' : 'UNFULFILLED',
    email: order.email,
    currencyCode: currency,
    customer: { displayName: 'Sim Buyer' },
    subtotalPriceSet: bag(decimal(subtotal), currency),
    totalShippingPriceSet: bag(order.shipping, currency),
    totalTaxSet: bag(order.tax, currency),
    totalPriceSet: bag(decimal(total), currency),
    shippingAddress: {
      name: 'Sim Buyer',
      company: null,
      address1: 'Damrak 1',
      address2: null,
      city: 'Amsterdam',
      provinceCode: null,
      zip: '1012 LG',
      countryCodeV2: 'NL',
      phone: null,
    },
    lineItems: {
      nodes: order.lines.map((line) => ({
        id: gid('LineItem', line.id),
        sku: line.sku,
        title: line.title,
        quantity: line.quantity,
        currentQuantity: line.currentQuantity,
        unfulfilledQuantity: line.currentQuantity - line.fulfilled,
        originalUnitPriceSet: bag(line.unitPrice, currency),
      })),
      pageInfo: { hasNextPage: false, endCursor: null },
    },
  };
}

function fulfillmentOrderNode(order: SimOrder): Record<string, unknown> {
  const open = order.lines.some((line) => line.currentQuantity > line.fulfilled);
  return {
    id: gid('FulfillmentOrder', order.fulfillmentOrderId),
    status: order.cancelledAt ? 'CLOSED' : open ? 'OPEN' : 'CLOSED',
    lineItems: {
      nodes: order.lines.map((line) => ({
        id: gid('FulfillmentOrderLineItem', line.id + 1),
        remainingQuantity: order.cancelledAt ? 0 : line.currentQuantity - line.fulfilled,
        lineItem: { id: gid('LineItem', line.id) },
      })),
    },
  };
}

function orderOfFulfillmentOrder(state: ShopifySimState, id: unknown): SimOrder | undefined {
  const number = gidNumber(id);
  return [...state.orders.values()].find((order) => order.fulfillmentOrderId === number);
}

type FulfillmentInput = {
  lineItemsByFulfillmentOrder?: {
    fulfillmentOrderId?: string;
    fulfillmentOrderLineItems?: { id?: string; quantity?: number }[];
  }[];
  trackingInfo?: { company?: string; number?: string; url?: string };
};

/**
 * Resolvers of orders: list by `updated_at`, get, fulfillment orders, `fulfillmentCreate`
 * and `orderCancel`.
 *
 * @example
 * ```ts
 * orderResolvers.MbOrders!(ctx);
 * ```
 */
export const orderResolvers: Record<string, SimResolver> = {
  MbOrders: ({ state, variables }) => {
    const terms = parseSearch(variables.query).filter((term) => term.field === 'updated_at');
    const orders = [...state.orders.values()].filter((order) =>
      terms.every((term) =>
        term.op === '>=' ? order.updatedAt >= term.value : term.op === '<' ? order.updatedAt < term.value : true,
      ),
    );
    const { connection, returned } = page(orders, variables.first, variables.after, (order) => orderNode(state, order));
    return { data: { orders: connection }, returned };
  },
  MbOrder: ({ state, variables }) => {
    const order = state.orders.get(gidNumber(variables.id));
    return { data: { order: order ? orderNode(state, order) : null } };
  },
  MbFulfillmentOrders: ({ state, variables }) => {
    const order = state.orders.get(gidNumber(variables.id));
    return {
      data: {
        order: order
          ? { id: gid('Order', order.id), fulfillmentOrders: { nodes: [fulfillmentOrderNode(order)] } }
          : null,
      },
    };
  },
  MbFulfillmentCreate: ({ state, variables, now }) => {
    const input = (variables.fulfillment ?? {}) as FulfillmentInput;
    const groups = input.lineItemsByFulfillmentOrder ?? [];
    const plan: { order: SimOrder; line: SimOrder['lines'][number]; quantity: number }[] = [];
    for (const group of groups) {
      const order = orderOfFulfillmentOrder(state, group.fulfillmentOrderId);
      if (!order) throw new SimGraphqlError(`Invalid id: ${String(group.fulfillmentOrderId)}`, 'BAD_REQUEST');
      if (order.cancelledAt)
        return {
          data: {
            fulfillmentCreate: {
              fulfillment: null,
              userErrors: [{ field: ['fulfillment'], message: 'Fulfillment order is closed.' }],
            },
          },
        };
      const requested =
        group.fulfillmentOrderLineItems ??
        order.lines.map((line) => ({
          id: gid('FulfillmentOrderLineItem', line.id + 1),
          quantity: line.currentQuantity - line.fulfilled,
        }));
      for (const item of requested) {
        const line = order.lines.find((candidate) => candidate.id + 1 === gidNumber(item.id));
        const quantity = item.quantity ?? 0;
        if (!line || quantity > line.currentQuantity - line.fulfilled) {
          return {
            data: {
              fulfillmentCreate: {
                fulfillment: null,
                userErrors: [
                  {
                    field: ['fulfillment', 'lineItemsByFulfillmentOrder'],
                    message: 'Invalid fulfillment order line item quantity requested.',
                  },
                ],
              },
            },
          };
        }
        if (quantity > 0) plan.push({ order, line, quantity });
      }
    }
    const fulfillmentId = state.nextId++ + 1;
    for (const { order, line, quantity } of plan) {
      line.fulfilled += quantity;
      const level = state.levels.get(levelKey(line.inventoryItemId, order.locationId));
      if (level) level.committed = Math.max(0, level.committed - quantity);
      order.updatedAt = now;
    }
    const tracking = input.trackingInfo ?? {};
    const fulfillment = {
      id: fulfillmentId,
      company: tracking.company ?? null,
      number: tracking.number ?? null,
      url: tracking.url ?? null,
      createdAt: now,
    };
    for (const order of new Set(plan.map((entry) => entry.order))) order.fulfillments.push(fulfillment);
    return {
      data: {
        fulfillmentCreate: {
          fulfillment: {
            id: gid('Fulfillment', fulfillment.id),
            status: 'SUCCESS',
            createdAt: now,
            trackingInfo: [{ company: fulfillment.company, number: fulfillment.number, url: fulfillment.url }],
          },
          userErrors: [],
        },
      },
    };
  },
  MbOrderCancel: ({ state, variables, now }) => {
    const order = state.orders.get(gidNumber(variables.orderId));
    if (!order)
      return {
        data: {
          orderCancel: {
            job: null,
            orderCancelUserErrors: [{ field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' }],
          },
        },
      };
    if (order.cancelledAt)
      return {
        data: {
          orderCancel: {
            job: null,
            orderCancelUserErrors: [
              { field: ['orderId'], message: 'Order has already been cancelled', code: 'INVALID' },
            ],
          },
        },
      };
    if (order.lines.every((line) => line.fulfilled >= line.currentQuantity)) {
      return {
        data: {
          orderCancel: {
            job: null,
            orderCancelUserErrors: [
              { field: ['orderId'], message: 'Cannot cancel a fulfilled order', code: 'INVALID' },
            ],
          },
        },
      };
    }
    for (const line of order.lines) {
      const open = line.currentQuantity - line.fulfilled;
      const level = state.levels.get(levelKey(line.inventoryItemId, order.locationId));
      if (level && open > 0) {
        level.committed = Math.max(0, level.committed - open);
        if (variables.restock) level.available += open;
        level.updatedAt = now;
      }
      line.currentQuantity = line.fulfilled;
    }
    order.cancelledAt = now;
    order.updatedAt = now;
    return {
      data: { orderCancel: { job: { id: gid('Job', state.nextId++ + 1), done: false }, orderCancelUserErrors: [] } },
    };
  },
};
