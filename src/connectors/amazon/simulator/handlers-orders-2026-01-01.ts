import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import { DATASETS, FULFILLMENT_STATUS, toOrder2026 } from './orders-2026-01-01-shape.js';
import type { SimulatorRuntime } from './runtime.js';

const TOKEN_LIFETIME_MS = 24 * 3_600_000;
const BEFORE_MARGIN_MS = 2 * 60_000;
const FILTERS = [
  'createdAfter',
  'createdBefore',
  'lastUpdatedAfter',
  'lastUpdatedBefore',
  'fulfillmentStatuses',
  'marketplaceIds',
  'fulfilledBy',
] as const;

/** The comma-separated values of a query parameter (msw sees the pipeline's `arrayFormat: comma`). */
function list(url: URL, name: string): string[] {
  return url.searchParams
    .getAll(name)
    .flatMap((value) => value.split(','))
    .filter(Boolean);
}

/**
 * Orders API 2026-01-01 over the same orders as the v0 handlers: `searchOrders` (one window,
 * created or last-updated; status, marketplace and fulfilled-by filters; pages of
 * `maxResultsPerPage` with a `paginationToken` valid for 24 hours and only with the filters
 * that produced it) and `getOrder`, with `includedData` deciding which datasets come back.
 * Buyer data needs no Restricted Data Token here, as in the real API.
 */
export function orderHandlers2026(rt: SimulatorRuntime): HttpHandler[] {
  const base = `${rt.base}/orders/2026-01-01/orders`;
  const datasets = (url: URL): Set<string> | string => {
    const asked = list(url, 'includedData');
    const unknown = asked.find((value) => !DATASETS.has(value));
    return unknown ? `includedData value ${unknown} is not valid.` : new Set(asked);
  };
  return [
    http.get(base, ({ request }) => {
      const denied = rt.gate('searchOrders', request);
      if (denied) return denied;
      const url = new URL(request.url);
      const now = rt.clock.now();
      const value = (name: string) => url.searchParams.get(name) ?? undefined;
      const created = value('createdAfter') !== undefined || value('createdBefore') !== undefined;
      const updated = value('lastUpdatedAfter') !== undefined || value('lastUpdatedBefore') !== undefined;
      if (created === updated)
        return rt.error(
          400,
          'InvalidInput',
          'Provide exactly one of createdAfter and lastUpdatedAfter, and no before-date of the other window.',
        );
      const after = value(created ? 'createdAfter' : 'lastUpdatedAfter');
      if (!after || Number.isNaN(Date.parse(after)))
        return rt.error(
          400,
          'InvalidInput',
          `${created ? 'createdAfter' : 'lastUpdatedAfter'} must be an ISO 8601 date-time.`,
        );
      const beforeText = value(created ? 'createdBefore' : 'lastUpdatedBefore');
      const before = beforeText === undefined ? now : Date.parse(beforeText);
      if (
        Number.isNaN(before) ||
        before < Date.parse(after) ||
        (beforeText !== undefined && before > now - BEFORE_MARGIN_MS)
      ) {
        return rt.error(
          400,
          'InvalidInput',
          'The before-date must be a date-time after the after-date and at least two minutes before the request.',
        );
      }
      const statuses = list(url, 'fulfillmentStatuses');
      const known = new Set(Object.values(FULFILLMENT_STATUS));
      if (statuses.some((status) => !known.has(status)))
        return rt.error(400, 'InvalidInput', 'fulfillmentStatuses has an unknown value.');
      const size = Number(value('maxResultsPerPage') ?? 100);
      if (!Number.isInteger(size) || size < 1 || size > 100)
        return rt.error(400, 'InvalidInput', 'maxResultsPerPage must be between 1 and 100.');
      const included = datasets(url);
      if (typeof included === 'string') return rt.error(400, 'InvalidInput', included);
      const filterKey = JSON.stringify(FILTERS.map((name) => url.searchParams.getAll(name).join(',')));
      let offset = 0;
      const token = value('paginationToken');
      if (token !== undefined) {
        let decoded: { filterKey?: string; offset?: number; issuedAt?: number };
        try {
          decoded = JSON.parse(atob(token)) as typeof decoded;
        } catch {
          return rt.error(400, 'InvalidInput', 'Invalid paginationToken.');
        }
        if (decoded.filterKey !== filterKey)
          return rt.error(
            400,
            'InvalidInput',
            'The paginationToken was issued for other filters; send the same filters as the first request.',
          );
        if (now - Number(decoded.issuedAt) > TOKEN_LIFETIME_MS)
          return rt.error(400, 'InvalidInput', 'The paginationToken has expired.');
        offset = Number(decoded.offset);
      }
      const field = created ? 'PurchaseDate' : 'LastUpdateDate';
      const marketplaces = list(url, 'marketplaceIds');
      const fulfilledBy = list(url, 'fulfilledBy');
      const matching = [...rt.state.orders.values()]
        .filter(({ order }) => {
          const at = Date.parse(String(order[field] ?? order.LastUpdateDate));
          const status = FULFILLMENT_STATUS[order.OrderStatus] ?? 'PENDING';
          const market = String(order.MarketplaceId ?? rt.marketplaceId);
          const by = order.FulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT';
          return (
            at >= Date.parse(after) &&
            (beforeText === undefined || at <= before) &&
            (statuses.length === 0 || statuses.includes(status)) &&
            (marketplaces.length === 0 || marketplaces.includes(market)) &&
            (fulfilledBy.length === 0 || fulfilledBy.includes(by))
          );
        })
        .sort(
          (a, b) =>
            String(a.order[field]).localeCompare(String(b.order[field])) ||
            a.order.AmazonOrderId.localeCompare(b.order.AmazonOrderId),
        );
      const page = matching.slice(offset, offset + size);
      const more = offset + size < matching.length;
      return rt.json('searchOrders', {
        orders: page.map((entry) => toOrder2026(entry, included, rt.marketplaceId)),
        ...(more
          ? { pagination: { nextToken: btoa(JSON.stringify({ filterKey, offset: offset + size, issuedAt: now })) } }
          : {}),
        [created ? 'createdBefore' : 'lastUpdatedBefore']: new Date(before).toISOString(),
      });
    }),
    http.get(`${base}/:orderId`, ({ request, params }) => {
      const denied = rt.gate('getOrder@2026-01-01', request);
      if (denied) return denied;
      const included = datasets(new URL(request.url));
      if (typeof included === 'string') return rt.error(400, 'InvalidInput', included);
      const entry = rt.state.orders.get(String(params.orderId));
      if (!entry) return rt.error(404, 'NotFound', `Order ${String(params.orderId)} not found.`);
      return rt.json('getOrder@2026-01-01', { order: toOrder2026(entry, included, rt.marketplaceId) });
    }),
  ];
}
