import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import type { SimulatorRuntime } from './runtime.js';

/** Finances v0: financial events, all or by order. */
export function financesV0Handlers(rt: SimulatorRuntime): HttpHandler[] {
  return [
    http.get(`${rt.base}/finances/v0/financialEvents`, ({ request }) => {
      const denied = rt.gate('listFinancialEvents', request);
      if (denied) return denied;
      return rt.json('listFinancialEvents', { payload: { FinancialEvents: rt.state.financialEvents } });
    }),
    http.get(`${rt.base}/finances/v0/orders/:orderId/financialEvents`, ({ request, params }) => {
      const denied = rt.gate('listFinancialEventsByOrderId', request);
      if (denied) return denied;
      const pick = (list: unknown) =>
        Array.isArray(list)
          ? list.filter((event) => (event as { AmazonOrderId?: string }).AmazonOrderId === params.orderId)
          : [];
      return rt.json('listFinancialEventsByOrderId', {
        payload: {
          FinancialEvents: Object.fromEntries(
            Object.entries(rt.state.financialEvents).map(([key, list]) => [key, pick(list)]),
          ),
        },
      });
    }),
  ];
}
