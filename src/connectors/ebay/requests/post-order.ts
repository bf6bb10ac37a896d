import { EBAY_API_PATHS, segment, type EbayRequest } from './types.js';

const base = EBAY_API_PATHS.postOrder;

/**
 * Why a seller cancels an order (Post-Order API `CancelReasonEnum`, seller values).
 * `OUT_OF_STOCK_OR_CANNOT_FULFILL` counts as a defect against the seller; the other two do not.
 *
 * @category Operations
 */
export type EbaySellerCancelReason = 'OUT_OF_STOCK_OR_CANNOT_FULFILL' | 'BUYER_ASKED_CANCEL' | 'ADDRESS_ISSUES';

/**
 * The body of `createCancellation` on behalf of the seller.
 */
export interface EbayCancellationInput {
  legacyOrderId: string;
  cancelReason: EbaySellerCancelReason;
  buyerPaid?: boolean;
  buyerPaidDate?: { value: string };
}

/**
 * `POST /cancellation/check_eligibility`: whether an order can be cancelled (a read).
 *
 * @example
 * ```ts
 * checkCancellationEligibilityRequest('110000000001-0');
 * ```
 */
export function checkCancellationEligibilityRequest(legacyOrderId: string): EbayRequest {
  return {
    operation: 'checkCancellationEligibility',
    method: 'POST',
    path: `${base}/cancellation/check_eligibility`,
    json: { legacyOrderId },
    idempotent: true,
  };
}

/**
 * `POST /cancellation`: cancels a whole order on the seller's behalf (not idempotent: sent
 * through the operation ledger and read back from the order's cancel state).
 *
 * @example
 * ```ts
 * createCancellationRequest({ legacyOrderId: '110000000001-0', cancelReason: 'OUT_OF_STOCK_OR_CANNOT_FULFILL' });
 * ```
 */
export function createCancellationRequest(body: EbayCancellationInput): EbayRequest {
  return { operation: 'createCancellation', method: 'POST', path: `${base}/cancellation`, json: body };
}

/**
 * `GET /cancellation/{cancelId}`.
 *
 * @example
 * ```ts
 * getCancellationRequest('5000012345');
 * ```
 */
export function getCancellationRequest(cancelId: string): EbayRequest {
  return { operation: 'getCancellation', method: 'GET', path: `${base}/cancellation/${segment(cancelId)}` };
}
