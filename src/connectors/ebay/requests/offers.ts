import type { EbayOfferInput } from '../types.js';
import { EBAY_API_PATHS, segment, type EbayRequest } from './types.js';

const base = EBAY_API_PATHS.inventory;

/**
 * `GET /offer?sku=`: the offers of one SKU (one per marketplace and format).
 *
 * @example
 * ```ts
 * getOffersRequest({ sku: 'MUG-1', marketplaceId: 'EBAY_US' });
 * ```
 */
export function getOffersRequest(options: {
  sku: string;
  marketplaceId?: string;
  format?: string;
  limit?: number;
  offset?: number;
}): EbayRequest {
  return {
    operation: 'getOffers',
    method: 'GET',
    path: `${base}/offer`,
    query: {
      sku: options.sku,
      marketplace_id: options.marketplaceId,
      format: options.format,
      limit: options.limit,
      offset: options.offset,
    },
  };
}

/**
 * `GET /offer/{offerId}`.
 *
 * @example
 * ```ts
 * getOfferRequest('5005317010');
 * ```
 */
export function getOfferRequest(offerId: string): EbayRequest {
  return { operation: 'getOffer', method: 'GET', path: `${base}/offer/${segment(offerId)}` };
}

/**
 * `POST /offer`: stages an offer of a SKU on a marketplace (not idempotent: the connector
 * sends it through the operation ledger and reads back by SKU when an answer is lost).
 *
 * @example
 * ```ts
 * createOfferRequest({ sku: 'MUG-1', marketplaceId: 'EBAY_US', format: 'FIXED_PRICE' }, 'en-US');
 * ```
 */
export function createOfferRequest(offer: EbayOfferInput, contentLanguage: string): EbayRequest {
  return {
    operation: 'createOffer',
    method: 'POST',
    path: `${base}/offer`,
    headers: { 'content-language': contentLanguage },
    json: offer,
  };
}

/**
 * `PUT /offer/{offerId}`: replaces an offer whole (a published one revises its listing).
 *
 * @example
 * ```ts
 * updateOfferRequest('5005317010', { availableQuantity: 3, pricingSummary: { price: { value: '9.99', currency: 'USD' } } }, 'en-US');
 * ```
 */
export function updateOfferRequest(offerId: string, offer: EbayOfferInput, contentLanguage: string): EbayRequest {
  const {
    sku: _sku,
    marketplaceId: _marketplace,
    format: _format,
    offerId: _id,
    status: _status,
    listing: _listing,
    ...body
  } = offer as EbayOfferInput & { offerId?: unknown; status?: unknown; listing?: unknown };
  return {
    operation: 'updateOffer',
    method: 'PUT',
    path: `${base}/offer/${segment(offerId)}`,
    headers: { 'content-language': contentLanguage },
    json: body,
  };
}

/**
 * `DELETE /offer/{offerId}`: deletes an unpublished offer, or ends the listing of a published one.
 *
 * @example
 * ```ts
 * deleteOfferRequest('5005317010');
 * ```
 */
export function deleteOfferRequest(offerId: string): EbayRequest {
  return {
    operation: 'deleteOffer',
    method: 'DELETE',
    path: `${base}/offer/${segment(offerId)}`,
    responseType: 'none',
  };
}

/**
 * `POST /offer/{offerId}/publish/`: turns an offer into a live listing, or revises the live
 * listing of a published one; either way the same offer ends up live, so it is safe to repeat.
 *
 * @example
 * ```ts
 * publishOfferRequest('5005317010');
 * ```
 */
export function publishOfferRequest(offerId: string): EbayRequest {
  return {
    operation: 'publishOffer',
    method: 'POST',
    path: `${base}/offer/${segment(offerId)}/publish/`,
    idempotent: true,
  };
}

/**
 * `POST /offer/{offerId}/withdraw`: ends the listing and keeps the offer (unpublished).
 *
 * @example
 * ```ts
 * withdrawOfferRequest('5005317010');
 * ```
 */
export function withdrawOfferRequest(offerId: string): EbayRequest {
  return {
    operation: 'withdrawOffer',
    method: 'POST',
    path: `${base}/offer/${segment(offerId)}/withdraw`,
    idempotent: true,
  };
}
