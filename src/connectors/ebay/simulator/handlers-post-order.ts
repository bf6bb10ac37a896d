import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import { ebayError, errorAnswer, jsonAnswer, readJson } from './answers.js';
import type { EbaySimRuntime } from './runtime.js';
import type { EbaySimOrder } from './state.js';

const SELLER_REASONS = new Set(['OUT_OF_STOCK_OR_CANNOT_FULFILL', 'BUYER_ASKED_CANCEL', 'ADDRESS_ISSUES']);
const CANCEL_WINDOW_MS = 30 * 86_400_000;
const postOrderError = (errorId: number, message: string) =>
  ebayError(errorId, message, { domain: 'returnErrorDomain', category: 'REQUEST' });

/** Why an order cannot be cancelled by the seller now, or undefined when it can. */
function ineligible(rt: EbaySimRuntime, entry: EbaySimOrder | undefined): string | undefined {
  if (!entry) return 'ORDER_NOT_FOUND';
  const { order } = entry;
  if (order.cancelStatus?.cancelState === 'CANCELED') return 'ORDER_ALREADY_CANCELLED';
  if ((order.lineItems ?? []).some((line) => line.lineItemFulfillmentStatus !== 'NOT_STARTED')) return 'ORDER_SHIPPED';
  if (rt.clock.now() - Date.parse(order.creationDate ?? '') > CANCEL_WINDOW_MS) return 'CANCEL_WINDOW_EXPIRED';
  return undefined;
}

/** Seller cancellations of the Post-Order API (IAF tokens, X-EBAY-C-MARKETPLACE-ID required). */
export function postOrderHandlers(rt: EbaySimRuntime): HttpHandler[] {
  const base = `${rt.base}/post-order/v2/cancellation`;
  const byLegacyId = (legacyOrderId: string | undefined) =>
    [...rt.state.orders.values()].find(
      (entry) => entry.order.legacyOrderId === legacyOrderId || entry.order.orderId === legacyOrderId,
    );
  return [
    http.post(`${base}/check_eligibility`, async ({ request }) => {
      const refused = rt.gate.check('checkCancellationEligibility', request);
      if (refused) return refused;
      const body = await readJson<{ legacyOrderId?: string }>(request);
      const reason = ineligible(rt, byLegacyId(body?.legacyOrderId));
      return jsonAnswer({
        legacyOrderId: body?.legacyOrderId,
        eligible: reason === undefined,
        eligibilityStatus: reason === undefined ? 'ELIGIBLE' : 'INELIGIBLE',
        failureReason: reason ? [reason] : [],
      });
    }),
    http.post(base, async ({ request }) => {
      const refused = rt.gate.check('createCancellation', request);
      if (refused) return refused;
      if (!request.headers.get('x-ebay-c-marketplace-id'))
        return errorAnswer(400, postOrderError(1500, 'The X-EBAY-C-MARKETPLACE-ID header is required.'));
      const body = await readJson<{ legacyOrderId?: string; cancelReason?: string }>(request);
      if (!body?.cancelReason || !SELLER_REASONS.has(body.cancelReason))
        return errorAnswer(
          400,
          postOrderError(1502, `Invalid cancelReason ${body?.cancelReason ?? '(none)'} for a seller.`),
        );
      const entry = byLegacyId(body.legacyOrderId);
      const reason = ineligible(rt, entry);
      if (reason === 'ORDER_NOT_FOUND')
        return errorAnswer(404, postOrderError(1503, `Order ${body.legacyOrderId} not found.`));
      if (reason)
        return errorAnswer(400, postOrderError(1504, `The order is not eligible for cancellation: ${reason}.`));
      const cancelId = rt.nextId();
      const { order } = entry!;
      const now = new Date(rt.clock.now()).toISOString();
      order.cancelStatus = {
        cancelState: 'CANCELED',
        cancelledDate: now,
        cancelRequests: [
          {
            cancelRequestId: cancelId,
            cancelRequestState: 'COMPLETED',
            cancelInitiator: 'SELLER',
            cancelReason: body.cancelReason,
            cancelRequestedDate: now,
          },
        ],
      };
      if (order.orderPaymentStatus === 'PAID') order.orderPaymentStatus = 'FULLY_REFUNDED';
      order.lastModifiedDate = now;
      entry!.cancelId = cancelId;
      return jsonAnswer({ cancelId });
    }),
    http.get(`${base}/:cancelId`, ({ request, params }) => {
      const refused = rt.gate.check('getCancellation', request);
      if (refused) return refused;
      const entry = [...rt.state.orders.values()].find((candidate) => candidate.cancelId === String(params.cancelId));
      if (!entry) return errorAnswer(404, postOrderError(1505, `Cancellation ${String(params.cancelId)} not found.`));
      return jsonAnswer({
        cancelDetail: {
          cancelId: entry.cancelId,
          legacyOrderId: entry.order.legacyOrderId,
          cancelState: 'CLOSED',
          cancelStatus: 'CANCEL_CLOSED_WITH_REFUND',
        },
      });
    }),
  ];
}
