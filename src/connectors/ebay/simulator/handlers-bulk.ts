import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import type { Money } from '../../../model/money.js';
import type { EbayErrorDetail } from '../errors.js';
import type { EbayPriceQuantity, EbayPriceQuantityResponse, EbayShipToLocationAvailability } from '../types.js';
import { ebayError, errorAnswer, jsonAnswer, readJson } from './answers.js';
import { offerPrice } from './handlers-offers.js';
import type { EbaySimRuntime } from './runtime.js';

/**
 * The most entries one `bulkUpdatePriceQuantity` call takes on the simulated eBay.
 *
 * @example
 * ```ts
 * requests.length <= EBAY_SIM_BULK_MAX;
 * ```
 *
 * @category Simulator
 */
export const EBAY_SIM_BULK_MAX = 25;

const invalid = (field: string, more = '') =>
  ebayError(25709, `Invalid value for ${field}. ${more}`.trim(), { parameters: [{ name: 'fieldName', value: field }] });
const validQuantity = (value: unknown) => value === undefined || (Number.isInteger(value) && (value as number) >= 0);

function availabilityProblems(availability: EbayShipToLocationAvailability | undefined): EbayErrorDetail[] {
  if (!availability) return [];
  const quantities = [
    availability.quantity,
    ...(availability.availabilityDistributions ?? []).map((entry) => entry.quantity),
  ];
  return quantities.every(validQuantity)
    ? []
    : [invalid('shipToLocationAvailability.quantity', 'Quantities are whole numbers of 0 or more.')];
}

/**
 * `bulkUpdatePriceQuantity` as eBay answers it: 1 to 25 entries (otherwise the whole call is a
 * 400), each applied or refused on its own with a per-SKU and per-offer `statusCode` and
 * `errors`: unknown SKUs and offers, offers of another SKU, unpublished offers (eBay points to
 * updateOffer for those), invalid prices and quantities, and listings that reached their daily
 * revision limit. HTTP 200 when every entry succeeded, 207 otherwise.
 *
 * @example
 * ```ts
 * const handlers = [bulkPriceQuantityHandler(runtime)];
 * ```
 */
export function bulkPriceQuantityHandler(rt: EbaySimRuntime): HttpHandler {
  return http.post(`${rt.base}/sell/inventory/v1/bulk_update_price_quantity`, async ({ request }) => {
    const refused = rt.gate.check('bulkUpdatePriceQuantity', request);
    if (refused) return refused;
    const body = await readJson<{ requests?: EbayPriceQuantity[] }>(request);
    const requests = body?.requests;
    if (!Array.isArray(requests) || requests.length < 1 || requests.length > EBAY_SIM_BULK_MAX) {
      return errorAnswer(
        400,
        invalid(
          'requests',
          `Give 1 to ${EBAY_SIM_BULK_MAX} entries; got ${Array.isArray(requests) ? requests.length : 'none'}.`,
        ),
      );
    }
    const responses: EbayPriceQuantityResponse[] = [];
    const seen = new Set<string>();
    for (const entry of requests) {
      const offers = Array.isArray(entry?.offers) ? entry.offers : [];
      const sku = entry?.sku ?? rt.state.offers.get(offers[0]?.offerId ?? '')?.sku;
      const fail = (statusCode: number, errors: EbayErrorDetail[]) => {
        if (entry?.shipToLocationAvailability || offers.length === 0)
          responses.push({ ...(sku ? { sku } : {}), statusCode, errors, warnings: [] });
        for (const offer of offers)
          responses.push({ ...(sku ? { sku } : {}), offerId: offer?.offerId, statusCode, errors, warnings: [] });
      };
      if (!sku) {
        fail(400, [invalid('sku', 'Give a sku or offers.')]);
        continue;
      }
      if (seen.has(sku)) {
        fail(400, [invalid('sku', `${sku} appears more than once in this call.`)]);
        continue;
      }
      seen.add(sku);
      const item = rt.state.items.get(sku);
      if (entry.shipToLocationAvailability && !item) {
        fail(404, [ebayError(25702, `${sku} could not be found or is not available in the system.`)]);
        continue;
      }
      const problems = availabilityProblems(entry.shipToLocationAvailability);
      const prices = new Map<string, Money>();
      const offerIds = new Set<string>();
      for (const wanted of offers) {
        const offer = rt.state.offers.get(wanted?.offerId ?? '');
        if (!offer) problems.push(ebayError(25713, `This Offer is not available : ${wanted?.offerId}.`));
        else if (offer.sku !== sku)
          problems.push(invalid('offerId', `Offer ${offer.offerId} belongs to ${offer.sku}, not ${sku}.`));
        else if (offer.status !== 'PUBLISHED')
          problems.push(
            ebayError(
              25002,
              `A user error has occurred. Offer ${offer.offerId} is not published; update unpublished offers with updateOffer.`,
            ),
          );
        else if (offerIds.has(offer.offerId))
          problems.push(invalid('offerId', `Offer ${offer.offerId} appears twice.`));
        else if (!validQuantity(wanted.availableQuantity)) problems.push(invalid('availableQuantity'));
        if (offer) offerIds.add(offer.offerId);
        if (offer && wanted.price !== undefined) {
          const price = offerPrice(wanted.price, rt.currency);
          if ('amountMinor' in price) prices.set(offer.offerId, price);
          else problems.push(price);
        }
      }
      if (problems.length > 0) {
        fail(problems.some((problem) => problem.errorId === 25713 || problem.errorId === 25702) ? 404 : 400, problems);
        continue;
      }
      const live = rt.state.offers.liveOf(sku);
      if (live && !rt.revise(live.listingId!)) {
        fail(400, [
          ebayError(
            25002,
            `A user error has occurred. The listing ${live.listingId} reached its limit of ${rt.revisionsPerListingPerDay} revisions today.`,
          ),
        ]);
        continue;
      }
      if (entry.shipToLocationAvailability && item) {
        item.item = {
          ...item.item,
          availability: { ...item.item.availability, shipToLocationAvailability: entry.shipToLocationAvailability },
        };
        responses.push({ sku, statusCode: 200, warnings: [] });
      }
      for (const wanted of offers) {
        const offer = rt.state.offers.get(wanted.offerId)!;
        const price = prices.get(offer.offerId);
        rt.state.offers.set(offer.offerId, {
          ...offer,
          ...(price ? { price } : {}),
          body:
            wanted.availableQuantity === undefined
              ? offer.body
              : { ...offer.body, availableQuantity: wanted.availableQuantity },
        });
        responses.push({ sku, offerId: offer.offerId, statusCode: 200, warnings: [] });
      }
    }
    return jsonAnswer({ responses }, responses.every((response) => response.statusCode === 200) ? 200 : 207);
  });
}
