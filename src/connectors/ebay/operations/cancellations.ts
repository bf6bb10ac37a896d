import { toBatchResult, type BatchResult, type ItemOutcome } from '../../../core/batch.js';
import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import type { CancelOrderRequest, Order } from '../../../model/order.js';
import { eachConcurrently } from '../batches.js';
import { getOrderRequest } from '../requests/fulfillment.js';
import {
  createCancellationRequest,
  type EbayCancellationInput,
  type EbaySellerCancelReason,
} from '../requests/post-order.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayOrder } from '../types.js';
import { mapOrder } from './orders.js';

/**
 * The cancel reasons `cancelOrder` takes, canonical names and eBay's own. There is no default:
 * `OUT_OF_STOCK_OR_CANNOT_FULFILL` counts as a defect against the seller, so the caller says
 * which reason applies.
 *
 * @example
 * ```ts
 * EBAY_CANCEL_REASONS.buyer_request; // 'BUYER_ASKED_CANCEL'
 * ```
 *
 * @category Operations
 */
export const EBAY_CANCEL_REASONS: Readonly<Record<string, EbaySellerCancelReason>> = Object.freeze({
  out_of_stock: 'OUT_OF_STOCK_OR_CANNOT_FULFILL',
  cannot_fulfill: 'OUT_OF_STOCK_OR_CANNOT_FULFILL',
  buyer_request: 'BUYER_ASKED_CANCEL',
  address_issue: 'ADDRESS_ISSUES',
  OUT_OF_STOCK_OR_CANNOT_FULFILL: 'OUT_OF_STOCK_OR_CANNOT_FULFILL',
  BUYER_ASKED_CANCEL: 'BUYER_ASKED_CANCEL',
  ADDRESS_ISSUES: 'ADDRESS_ISSUES',
});

const PAID = new Set(['PAID', 'PARTIALLY_REFUNDED']);

/**
 * Checks cancel requests before anything is sent: eBay cancels whole orders only, and the
 * reason must be one of {@link EBAY_CANCEL_REASONS}. Throws one `ValidationError`.
 *
 * @example
 * ```ts
 * checkCancelBatch([{ orderId: '12-03456-78901', reason: 'buyer_request' }]);
 * ```
 */
export function checkCancelBatch(requests: readonly CancelOrderRequest[]): void {
  const issues: ValidationIssue[] = [];
  requests.forEach((request, index) => {
    if (request.lineItems !== undefined)
      issues.push({ path: [index, 'lineItems'], message: 'eBay cancels whole orders only; leave lineItems out.' });
    if (!EBAY_CANCEL_REASONS[request.reason ?? '']) {
      issues.push({
        path: [index, 'reason'],
        message: `Say why the order is cancelled: "out_of_stock" (counts as a seller defect), "buyer_request" or "address_issue"; got ${JSON.stringify(request.reason ?? 'seller_cancelled')}.`,
      });
    }
  });
  if (issues.length > 0)
    throw new ValidationError('input of cancelOrder()', issues, { platform: 'ebay', operation: 'cancelOrder' });
}

async function cancelOne(rt: EbayRuntime, request: CancelOrderRequest, signal?: AbortSignal): Promise<Order> {
  const order = await rt.client.send<EbayOrder>(getOrderRequest(request.orderId), signal);
  if (order.cancelStatus?.cancelState === 'CANCELED') return mapOrder(rt, order, 'cancelOrder');
  const payment = (order.paymentSummary as { payments?: { paymentDate?: string }[] } | undefined)?.payments?.[0];
  const body: EbayCancellationInput = {
    legacyOrderId: order.legacyOrderId ?? request.orderId,
    cancelReason: EBAY_CANCEL_REASONS[request.reason!]!,
  };
  if (order.orderPaymentStatus && PAID.has(order.orderPaymentStatus)) {
    body.buyerPaid = true;
    if (payment?.paymentDate) body.buyerPaidDate = { value: payment.paymentDate };
  }
  await rt.ledger.execute<string>({
    key: `ebay:cancel:${encodeURIComponent(rt.context.tenantId)}:${encodeURIComponent(request.orderId)}`,
    operation: 'cancelOrder',
    send: async (sendSignal) =>
      (await rt.client.send<{ cancelId?: string }>(createCancellationRequest(body), sendSignal ?? signal))?.cancelId ??
      '',
    readBack: async (readSignal) => {
      const state = (await rt.client.send<EbayOrder>(getOrderRequest(request.orderId), readSignal ?? signal))
        .cancelStatus?.cancelState;
      return state === 'CANCELED' || state === 'IN_PROGRESS'
        ? { status: 'applied', result: '' }
        : { status: 'not_applied' };
    },
    ...(signal ? { signal } : {}),
  });
  return mapOrder(rt, await rt.client.send<EbayOrder>(getOrderRequest(request.orderId), signal), 'cancelOrder');
}

/**
 * Cancels whole orders on the seller's behalf through the Post-Order API (`IAF` token) and
 * resolves each order as it is afterwards. An order already cancelled is returned as it is. The
 * call is not idempotent: it goes through the operation ledger, and a lost answer is resolved by
 * reading the order's cancel state. eBay refuses orders past their cancellation window per item.
 * For sellers in the EU and UK eBay also asks for a digital signature on this call, which this
 * connector does not send: their cancellations fail per item with eBay's error.
 *
 * @example
 * ```ts
 * await cancelOrders(runtime, [{ orderId: '12-03456-78901', reason: 'buyer_request' }]);
 * ```
 */
export async function cancelOrders(
  rt: EbayRuntime,
  requests: readonly CancelOrderRequest[],
  signal?: AbortSignal,
): Promise<BatchResult<CancelOrderRequest, Order>> {
  checkCancelBatch(requests);
  const outcomes = await eachConcurrently(
    requests,
    rt.config.concurrency,
    async (request, index): Promise<ItemOutcome<CancelOrderRequest, Order>> => {
      try {
        return { index, input: request, ok: true, value: await cancelOne(rt, request, signal) };
      } catch (error) {
        if (!isMarketbridgeError(error)) throw error;
        return { index, input: request, ok: false, error };
      }
    },
  );
  return toBatchResult(outcomes);
}
