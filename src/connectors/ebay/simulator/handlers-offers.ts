import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import { parseMoney, type Money } from '../../../model/money.js';
import type { EbayAmount, EbayOfferInput } from '../types.js';
import { ebayError, emptyAnswer, errorAnswer, jsonAnswer, readJson } from './answers.js';
import type { EbaySimRuntime } from './runtime.js';
import type { EbaySimOffer } from './state.js';

const invalid = (field: string, more = '') =>
  ebayError(25709, `Invalid value for ${field}. ${more}`.trim(), { parameters: [{ name: 'fieldName', value: field }] });
const unavailable = (offerId: string) => ebayError(25713, `This Offer is not available : ${offerId}.`);

/**
 * Reads an offer price: a decimal string in the marketplace's currency, above zero, with no
 * more decimals than the currency has. Resolves the money or eBay's error for it.
 *
 * @example
 * ```ts
 * offerPrice({ value: '12.99', currency: 'USD' }, 'USD'); // { amountMinor: 1299, currency: 'USD' }
 * ```
 */
export function offerPrice(amount: EbayAmount | undefined, currency: string): Money | ReturnType<typeof ebayError> {
  if (!amount || typeof amount.value !== 'string') return invalid('price.value');
  if (amount.currency !== currency) return invalid('price.currency', `This marketplace lists in ${currency}.`);
  const parsed = parseMoney(amount.value, currency);
  if (parsed.isErr() || parsed.value.amountMinor <= 0)
    return ebayError(
      25003,
      `The eBay listing associated with the inventory item, or the unpublished offer has an invalid price. ${amount.value} ${currency}`,
    );
  return parsed.value;
}

function isMoney(value: unknown): value is Money {
  return typeof (value as Money)?.amountMinor === 'number';
}

/** Offers of the Sell Inventory API: list by SKU, get, create, update, delete, publish, withdraw. */
export function offerHandlers(rt: EbaySimRuntime): HttpHandler[] {
  const base = `${rt.base}/sell/inventory/v1/offer`;
  const quantityOf = (offer: EbaySimOffer) =>
    offer.body.availableQuantity ??
    rt.state.items.get(offer.sku)?.item.availability?.shipToLocationAvailability?.quantity;
  const withBody = (offer: EbaySimOffer, body: EbayOfferInput): EbaySimOffer | ReturnType<typeof ebayError> => {
    const { pricingSummary, sku: _sku, marketplaceId: _marketplace, format: _format, ...rest } = body;
    let price = offer.price;
    if (pricingSummary?.price !== undefined) {
      const parsed = offerPrice(pricingSummary.price, rt.currency);
      if (!isMoney(parsed)) return parsed;
      price = parsed;
    }
    const { price: _price, ...summary } = pricingSummary ?? {};
    return {
      ...offer,
      body: { ...rest, ...(Object.keys(summary).length > 0 ? { pricingSummary: summary } : {}) },
      ...(price ? { price } : {}),
    };
  };
  return [
    http.get(base, ({ request }) => {
      const refused = rt.gate.check('getOffers', request);
      if (refused) return refused;
      const url = new URL(request.url);
      const sku = url.searchParams.get('sku');
      const marketplace = url.searchParams.get('marketplace_id');
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const page = Number(url.searchParams.get('offset') ?? 0);
      if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(page) || page < 0)
        return errorAnswer(400, ebayError(25706, 'You have provided invalid pagination values.'));
      const offers = (sku === null ? [...rt.state.offers.values()] : rt.state.offers.ofSku(sku)).filter(
        (offer) => marketplace === null || offer.marketplaceId === marketplace,
      );
      if (offers.length === 0) return errorAnswer(404, unavailable(sku ?? ''));
      const slice = offers.slice(page * limit, page * limit + limit);
      return jsonAnswer({
        href: request.url,
        limit,
        size: slice.length,
        total: offers.length,
        offers: slice.map(rt.offerJson),
      });
    }),
    http.get(`${base}/:offerId`, ({ request, params }) => {
      const refused = rt.gate.check('getOffer', request);
      if (refused) return refused;
      const offer = rt.state.offers.get(String(params.offerId));
      return offer ? jsonAnswer(rt.offerJson(offer)) : errorAnswer(404, unavailable(String(params.offerId)));
    }),
    http.post(base, async ({ request }) => {
      const refused = rt.gate.check('createOffer', request);
      if (refused) return refused;
      if (!request.headers.get('content-language')) return errorAnswer(400, invalid('header Content-Language'));
      const body = await readJson<EbayOfferInput>(request);
      if (!body?.sku || !body.marketplaceId || !body.format)
        return errorAnswer(
          400,
          invalid(
            !body?.sku ? 'sku' : !body.marketplaceId ? 'marketplaceId' : 'format',
            'sku, marketplaceId and format are required.',
          ),
        );
      if (!rt.state.items.has(body.sku))
        return errorAnswer(400, ebayError(25702, `${body.sku} could not be found or is not available in the system.`));
      if (body.marketplaceId !== rt.marketplaceId)
        return errorAnswer(400, invalid('marketplaceId', `This seller lists on ${rt.marketplaceId}.`));
      const duplicate = rt.state.offers
        .ofSku(body.sku)
        .find((offer) => offer.marketplaceId === body.marketplaceId && offer.format === body.format);
      if (duplicate)
        return errorAnswer(
          400,
          ebayError(25002, `A user error has occurred. Offer entity already exists (offerId ${duplicate.offerId}).`, {
            parameters: [{ name: 'offerId', value: duplicate.offerId }],
          }),
        );
      const offer = withBody(
        {
          offerId: rt.nextId(),
          sku: body.sku,
          marketplaceId: body.marketplaceId,
          format: body.format,
          status: 'UNPUBLISHED',
          body: {},
        },
        body,
      );
      if (!('offerId' in offer)) return errorAnswer(400, offer);
      rt.state.offers.set(offer.offerId, offer);
      return jsonAnswer({ offerId: offer.offerId, warnings: [] }, 201);
    }),
    http.put(`${base}/:offerId`, async ({ request, params }) => {
      const refused = rt.gate.check('updateOffer', request);
      if (refused) return refused;
      if (!request.headers.get('content-language')) return errorAnswer(400, invalid('header Content-Language'));
      const current = rt.state.offers.get(String(params.offerId));
      if (!current) return errorAnswer(404, unavailable(String(params.offerId)));
      const body = await readJson<EbayOfferInput>(request);
      if (!body || typeof body !== 'object') return errorAnswer(400, invalid('request payload'));
      const next = withBody({ ...current, body: {} }, body);
      if (!('offerId' in next)) return errorAnswer(400, next);
      if (current.status === 'PUBLISHED' && current.listingId && !rt.revise(current.listingId)) {
        return errorAnswer(
          400,
          ebayError(
            25002,
            `A user error has occurred. The listing ${current.listingId} reached its limit of ${rt.revisionsPerListingPerDay} revisions today.`,
          ),
        );
      }
      rt.state.offers.set(current.offerId, next);
      return jsonAnswer({ offerId: current.offerId, warnings: [] });
    }),
    http.delete(`${base}/:offerId`, ({ request, params }) => {
      const refused = rt.gate.check('deleteOffer', request);
      if (refused) return refused;
      if (!rt.state.offers.delete(String(params.offerId))) return errorAnswer(404, unavailable(String(params.offerId)));
      return emptyAnswer(204);
    }),
    http.post(`${base}/:offerId/publish/`, ({ request, params }) => {
      const refused = rt.gate.check('publishOffer', request);
      if (refused) return refused;
      const offer = rt.state.offers.get(String(params.offerId));
      if (!offer) return errorAnswer(404, unavailable(String(params.offerId)));
      const item = rt.state.items.get(offer.sku)?.item;
      const policies = offer.body.listingPolicies ?? {};
      const missing = [
        !item?.product?.title && 'product.title',
        !offer.price && 'pricingSummary.price',
        quantityOf(offer) === undefined && 'availability.shipToLocationAvailability.quantity',
        !offer.body.categoryId && 'categoryId',
        !offer.body.merchantLocationKey && 'merchantLocationKey',
        !policies.fulfillmentPolicyId && 'listingPolicies.fulfillmentPolicyId',
        !policies.paymentPolicyId && 'listingPolicies.paymentPolicyId',
        !policies.returnPolicyId && 'listingPolicies.returnPolicyId',
      ].filter((field): field is string => typeof field === 'string');
      if (missing.length > 0)
        return errorAnswer(
          400,
          ...missing.map((field) =>
            ebayError(25002, `A user error has occurred. ${field} is required to publish the offer.`, {
              parameters: [{ name: 'fieldName', value: field }],
            }),
          ),
        );
      if (offer.status === 'PUBLISHED' && offer.listingId && !rt.revise(offer.listingId)) {
        return errorAnswer(
          400,
          ebayError(
            25002,
            `A user error has occurred. The listing ${offer.listingId} reached its limit of ${rt.revisionsPerListingPerDay} revisions today.`,
          ),
        );
      }
      const listingId =
        offer.listingId && offer.listingStatus !== 'ENDED'
          ? offer.listingId
          : String(110_000_000_000 + ++rt.state.sequence);
      rt.state.offers.set(offer.offerId, { ...offer, status: 'PUBLISHED', listingId, listingStatus: 'ACTIVE' });
      return jsonAnswer({ listingId, warnings: [] });
    }),
    http.post(`${base}/:offerId/withdraw`, ({ request, params }) => {
      const refused = rt.gate.check('withdrawOffer', request);
      if (refused) return refused;
      const offer = rt.state.offers.get(String(params.offerId));
      if (offer?.status !== 'PUBLISHED') return errorAnswer(offer ? 400 : 404, unavailable(String(params.offerId)));
      rt.state.offers.set(offer.offerId, { ...offer, status: 'UNPUBLISHED', listingStatus: 'ENDED' });
      return jsonAnswer({ listingId: offer.listingId, warnings: [] });
    }),
  ];
}
