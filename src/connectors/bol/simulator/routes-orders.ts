import type { BolOrder } from '../types.js';
import { invalid, json, problem } from './problems.js';
import { cancellationViolations, shipmentViolations } from './rules.js';
import { bolTimestamp, type BolSimulatorRuntime } from './runtime.js';

type Item = BolOrder['orderItems'][number];
const open = (item: Item) => item.quantity - item.quantityShipped - item.quantityCancelled;

function findItem(sim: BolSimulatorRuntime, orderItemId: string): { order: BolOrder; item: Item } | undefined {
  for (const order of sim.state.orders.values()) {
    const item = order.orderItems.find((candidate) => candidate.orderItemId === orderItemId);
    if (item) return { order, item };
  }
  return undefined;
}

function reduced(order: BolOrder & { placedAt: number }) {
  return {
    orderId: order.orderId,
    orderPlacedDateTime: order.orderPlacedDateTime,
    orderItems: order.orderItems.map((item) => ({
      orderItemId: item.orderItemId,
      ean: item.product?.ean ?? '',
      fulfilmentMethod: item.fulfilment?.method === 'FBB' ? 'FBB' : 'FBR',
      fulfilmentStatus: open(item) > 0 ? 'OPEN' : 'HANDLED',
      quantity: item.quantity,
      quantityShipped: item.quantityShipped,
      quantityCancelled: item.quantityCancelled,
      cancellationRequest: item.cancellationRequest,
      latestChangedDateTime: item.latestChangedDateTime,
    })),
  };
}

/** The answers of the orders, shipments, inventory and retailer endpoints; `undefined` when the path is not theirs. */
export function orderRoute(
  sim: BolSimulatorRuntime,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Response | undefined {
  if (path === '/orders' && method === 'GET') {
    const page = Number(query.get('page') ?? '1');
    if (!Number.isInteger(page) || page < 1)
      return invalid([{ name: 'page', reason: 'Must be greater than or equal to 1.' }]);
    const method_ = query.get('fulfilment-method') ?? 'FBR';
    const status = query.get('status') ?? 'OPEN';
    if (!['FBR', 'FBB', 'ALL'].includes(method_))
      return invalid([{ name: 'fulfilment-method', reason: 'Allowed values: FBR, FBB, ALL.' }]);
    if (!['OPEN', 'SHIPPED', 'ALL'].includes(status))
      return invalid([{ name: 'status', reason: 'Allowed values: OPEN, SHIPPED, ALL.' }]);
    const orders = [...sim.state.orders.values()]
      .map(reduced)
      .map((order) => ({
        ...order,
        orderItems: order.orderItems.filter(
          (item) =>
            (method_ === 'ALL' || item.fulfilmentMethod === method_) &&
            (status === 'ALL' ||
              (status === 'OPEN' ? item.fulfilmentStatus === 'OPEN' : item.fulfilmentStatus === 'HANDLED')),
        ),
      }))
      .filter((order) => order.orderItems.length > 0)
      .sort((a, b) => (a.orderPlacedDateTime ?? '').localeCompare(b.orderPlacedDateTime ?? ''));
    return json({ orders: orders.slice((page - 1) * 50, page * 50) });
  }
  const single = /^\/orders\/([^/]+)$/.exec(path);
  if (single && single[1] !== 'cancellation' && method === 'GET') {
    const order = sim.state.orders.get(decodeURIComponent(single[1]!));
    if (!order) return problem(404, 'Not Found', `Order ${single[1]} not found.`);
    const { placedAt: _placedAt, ...answer } = order;
    return json(answer);
  }
  if (path === '/orders/cancellation' && method === 'PUT') {
    const violations = cancellationViolations(body);
    if (violations.length) return invalid(violations);
    const { orderItemId } = (body as { orderItems: { orderItemId: string; reasonCode: string }[] }).orderItems[0]!;
    const status = sim.createStatus({
      eventType: 'CANCEL_ORDER',
      entityId: orderItemId,
      description: `Cancel order item with id ${orderItemId}.`,
      body,
      effect: () => {
        const found = findItem(sim, orderItemId);
        if (!found) return `Order item ${orderItemId} does not exist.`;
        if (open(found.item) === 0) return `Order item ${orderItemId} has already been handled.`;
        found.item.quantityCancelled = found.item.quantity - found.item.quantityShipped;
        found.item.latestChangedDateTime = bolTimestamp(sim.clock.now());
      },
    });
    return json(sim.statusJson(status), 202);
  }
  if (path === '/shipments' && method === 'POST') {
    const violations = shipmentViolations(body);
    if (violations.length) return invalid(violations);
    const items = (body as { orderItems: { orderItemId: string; quantity?: number }[] }).orderItems;
    const status = sim.createStatus({
      eventType: 'CREATE_SHIPMENT',
      entityId: items[0]!.orderItemId,
      description: `Ship order item(s) ${items.map((item) => item.orderItemId).join(', ')}.`,
      body,
      effect: () => {
        const found = items.map((line) => ({ line, found: findItem(sim, line.orderItemId) }));
        const orders = new Set(found.map((entry) => entry.found?.order.orderId));
        for (const { line, found: match } of found) {
          if (!match) return `Order item ${line.orderItemId} does not exist.`;
          if ((line.quantity ?? open(match.item)) > open(match.item) || open(match.item) === 0)
            return `Order item ${line.orderItemId} has ${open(match.item)} unit(s) left to ship.`;
        }
        if (orders.size > 1) return 'Order items of one shipment must belong to the same order.';
        for (const { line, found: match } of found) {
          match!.item.quantityShipped += line.quantity ?? open(match!.item);
          match!.item.latestChangedDateTime = bolTimestamp(sim.clock.now());
        }
      },
    });
    return json(sim.statusJson(status), 202);
  }
  if (path === '/inventory' && method === 'GET') {
    const ean = query.get('query');
    const inventory = [...sim.state.offers.values()]
      .filter((offer) => offer.fulfilment.method === 'FBB' && (!ean || offer.ean === ean))
      .map((offer) => ({
        ean: offer.ean,
        bsku: `B${offer.ean}`,
        gradedStock: 0,
        regularStock: offer.stock.amount,
        title: offer.productTitle ?? offer.ean,
      }));
    return json({ inventory });
  }
  const retailer = /^\/retailers\/([^/]+)$/.exec(path);
  if (retailer && method === 'GET') {
    if (retailer[1] !== 'current' && retailer[1] !== sim.retailerId)
      return problem(404, 'Not Found', 'Retailer not found.');
    return json({
      retailerId: sim.retailerId,
      displayName: 'SIMULATED RETAILER',
      companyName: 'Simulated B.V.',
      vatNumber: 'NL123456789B01',
      kvkNumber: '90005414',
      registrationDate: '2015-06-17',
      topRetailer: false,
    });
  }
  return undefined;
}
