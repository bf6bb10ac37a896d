import { BOL_CSV_MEDIA_TYPE } from '../endpoints.js';
import type { BolCreateOfferRequest, BolPricing, BolStockUpdate, BolUpdateOfferRequest } from '../types.js';
import { segment, type BolRequest } from './types.js';

/**
 * `GET /offers/{offer-id}`.
 *
 * @example
 * ```ts
 * const offer = await client.send(getOfferRequest('6ff736b5-cdd0-4150-8c67-78269ee986f5'));
 * ```
 */
export function getOfferRequest(offerId: string): BolRequest {
  return { operation: 'getOffer', method: 'GET', api: 'retailer', path: `/offers/${segment(offerId)}` };
}

/**
 * `POST /offers` (answers a process status; its entity id is the new offer's id).
 *
 * @example
 * ```ts
 * await client.send(createOfferRequest(body));
 * ```
 */
export function createOfferRequest(body: BolCreateOfferRequest): BolRequest {
  return { operation: 'createOffer', method: 'POST', api: 'retailer', path: '/offers', json: body };
}

/**
 * `PUT /offers/{offer-id}`: reference, hold, title and fulfilment.
 *
 * @example
 * ```ts
 * await client.send(updateOfferRequest(offerId, { fulfilment: { method: 'FBR', deliveryCode: '1-2d' } }));
 * ```
 */
export function updateOfferRequest(offerId: string, body: BolUpdateOfferRequest): BolRequest {
  return { operation: 'updateOffer', method: 'PUT', api: 'retailer', path: `/offers/${segment(offerId)}`, json: body };
}

/**
 * `DELETE /offers/{offer-id}`.
 *
 * @example
 * ```ts
 * await client.send(deleteOfferRequest(offerId));
 * ```
 */
export function deleteOfferRequest(offerId: string): BolRequest {
  return { operation: 'deleteOffer', method: 'DELETE', api: 'retailer', path: `/offers/${segment(offerId)}` };
}

/**
 * `PUT /offers/{offer-id}/price`: replaces every bundle price of the offer.
 *
 * @example
 * ```ts
 * await client.send(updatePriceRequest(offerId, { bundlePrices: [{ quantity: 1, unitPrice: 9.99 }] }));
 * ```
 */
export function updatePriceRequest(offerId: string, pricing: BolPricing): BolRequest {
  return {
    operation: 'updateOfferPrice',
    method: 'PUT',
    api: 'retailer',
    path: `/offers/${segment(offerId)}/price`,
    json: { pricing },
  };
}

/**
 * `PUT /offers/{offer-id}/stock`.
 *
 * @example
 * ```ts
 * await client.send(updateStockRequest(offerId, { amount: 6, managedByRetailer: true }));
 * ```
 */
export function updateStockRequest(offerId: string, stock: BolStockUpdate): BolRequest {
  return {
    operation: 'updateOfferStock',
    method: 'PUT',
    api: 'retailer',
    path: `/offers/${segment(offerId)}/stock`,
    json: { amount: stock.amount, managedByRetailer: stock.managedByRetailer },
  };
}

/**
 * `POST /offers/export` with `{ format: 'CSV' }` (answers a process status; on success its
 * entity id is the report id).
 *
 * @example
 * ```ts
 * const status = await client.send(createOfferExportRequest());
 * ```
 */
export function createOfferExportRequest(): BolRequest {
  return {
    operation: 'createOfferExport',
    method: 'POST',
    api: 'retailer',
    path: '/offers/export',
    json: { format: 'CSV' },
  };
}

/**
 * `GET /offers/export/{report-id}`: the CSV file, streamed.
 *
 * @example
 * ```ts
 * const csv = await client.send(getOfferExportRequest(reportId));
 * ```
 */
export function getOfferExportRequest(reportId: string): BolRequest {
  return {
    operation: 'getOfferExport',
    method: 'GET',
    api: 'retailer',
    path: `/offers/export/${segment(reportId)}`,
    accept: BOL_CSV_MEDIA_TYPE,
    stream: true,
  };
}
