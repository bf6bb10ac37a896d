import { err, ok, type Result } from 'neverthrow';
import type { ValidationIssue } from '../../../core/errors/validation-error.js';
import { failure, type Failure } from '../../../core/result.js';
import type { Product, ProductInput } from '../../../model/product.js';
import type { BolCreateOfferRequest, BolFulfilmentMethod, BolRetailerOffer, BolUpdateOfferRequest } from '../types.js';
import { BOL_ATTRIBUTES, BOL_DELIVERY_CODES } from './attributes.js';
import { conditionFromBol, conditionToBol } from './condition.js';
import { fromBolAmount, toBolUnitPrice } from './money.js';

/**
 * Which bol.com field is the canonical SKU.
 *
 * @category Platform types and mapping
 */
export type BolIdentifier = 'ean' | 'reference' | 'offerId';

/**
 * An offer's facts, whether they come from `GET /offers/{id}` or a row of the offers export.
 */
export interface BolOfferFacts {
  offerId: string;
  ean: string;
  reference?: string;
  condition: string;
  conditionComment?: string;
  /** The unit price for quantity 1 (a JSON number or CSV text). */
  price: unknown;
  fulfilment: string;
  deliveryCode?: string;
  stock?: number;
  correctedStock?: number;
  onHold: boolean;
  title?: string;
  /** ISO timestamp of the last change. */
  updatedAt?: string;
}

/**
 * The canonical SKU of an offer under `identifier`, or `undefined` when the offer has no such
 * field (no reference).
 *
 * @example
 * ```ts
 * skuOf({ offerId: 'o-1', ean: '0000007740404' }, 'ean'); // '0000007740404'
 * ```
 */
export function skuOf(
  offer: { offerId: string; ean: string; reference?: string | undefined },
  identifier: BolIdentifier,
): string | undefined {
  if (identifier === 'offerId') return offer.offerId;
  if (identifier === 'reference') return offer.reference ? offer.reference : undefined;
  return offer.ean;
}

/**
 * The facts of a `GET /offers/{offer-id}` answer.
 *
 * @example
 * ```ts
 * const facts = factsOfRetailerOffer(await client.send<BolRetailerOffer>(getOfferRequest(id)).then((r) => r.data));
 * ```
 */
export function factsOfRetailerOffer(offer: BolRetailerOffer): BolOfferFacts {
  const facts: BolOfferFacts = {
    offerId: offer.offerId,
    ean: offer.ean,
    condition: offer.condition?.name ?? 'NEW',
    price: offer.pricing?.bundlePrices?.find((price) => price.quantity === 1)?.unitPrice,
    fulfilment: offer.fulfilment?.method ?? 'FBR',
    onHold: offer.onHoldByRetailer === true,
  };
  if (offer.reference) facts.reference = offer.reference;
  if (offer.condition?.comment) facts.conditionComment = offer.condition.comment;
  if (offer.fulfilment?.deliveryCode) facts.deliveryCode = offer.fulfilment.deliveryCode;
  if (typeof offer.stock?.amount === 'number') facts.stock = offer.stock.amount;
  if (typeof offer.stock?.correctedStock === 'number') facts.correctedStock = offer.stock.correctedStock;
  const title = offer.store?.productTitle ?? offer.unknownProductTitle;
  if (title) facts.title = title;
  return facts;
}

/**
 * A canonical product (one offer) from an offer's facts: id and `externalId` are the offer id,
 * the SKU follows `identifier`, the barcode is the EAN, the price is the unit price for
 * quantity 1 in exact cents, `status` is `draft` while the offer is on hold, and bol.com's own
 * fields are in `attributes` (see {@link BOL_ATTRIBUTES}).
 *
 * @example
 * ```ts
 * const product = offerToProduct(facts, 'ean');
 * if (product.isOk()) console.log(product.value.offers[0]?.price);
 * ```
 */
export function offerToProduct(
  facts: BolOfferFacts,
  identifier: BolIdentifier,
): Result<Product, Failure<'invalid_payload'>> {
  const sku = skuOf(facts, identifier);
  if (!sku)
    return err(
      failure('invalid_payload', `Offer ${facts.offerId} has no ${identifier}; it cannot be addressed by SKU.`, {
        offerId: facts.offerId,
      }),
    );
  const price = fromBolAmount(facts.price);
  if (price.isErr())
    return err(
      failure(
        'invalid_payload',
        `Offer ${facts.offerId} has no valid unit price for quantity 1: ${price.error.message}`,
        { offerId: facts.offerId },
      ),
    );
  const attributes: Record<string, string> = {
    [BOL_ATTRIBUTES.ean]: facts.ean,
    [BOL_ATTRIBUTES.condition]: facts.condition,
    [BOL_ATTRIBUTES.fulfilment]: facts.fulfilment,
  };
  if (facts.reference) attributes[BOL_ATTRIBUTES.reference] = facts.reference;
  if (facts.deliveryCode) attributes[BOL_ATTRIBUTES.deliveryCode] = facts.deliveryCode;
  if (facts.conditionComment) attributes[BOL_ATTRIBUTES.conditionComment] = facts.conditionComment;
  if (facts.stock !== undefined) attributes[BOL_ATTRIBUTES.stock] = String(facts.stock);
  if (facts.correctedStock !== undefined) attributes[BOL_ATTRIBUTES.correctedStock] = String(facts.correctedStock);
  const product: Product = {
    id: facts.offerId,
    title: facts.title ?? facts.ean,
    status: facts.onHold ? 'draft' : 'active',
    offers: [
      {
        sku,
        externalId: facts.offerId,
        price: price.value,
        barcode: facts.ean,
        condition: conditionFromBol(facts.condition),
        options: {},
        ...(facts.title ? { title: facts.title } : {}),
      },
    ],
    images: [],
    attributes,
  };
  if (facts.updatedAt) {
    const at = Date.parse(facts.updatedAt);
    if (!Number.isNaN(at)) product.updatedAt = new Date(at).toISOString();
  }
  return ok(product);
}

const EAN = /^(?:\d{8}|\d{12,14}|\d{9}[\dXx])$/;

/**
 * Defaults for offers created from canonical products.
 *
 * @category Platform types and mapping
 */
export interface BolOfferDefaults {
  identifier: BolIdentifier;
  fulfilmentMethod: BolFulfilmentMethod;
  deliveryCode?: string | undefined;
  stockManagedByRetailer: boolean;
}

type Parsed = Omit<ProductInput, 'offers' | 'attributes' | 'status'> & {
  offers: ProductInput['offers'];
  attributes?: Record<string, string>;
  status?: string;
};

function fulfilmentOf(product: Parsed, defaults: BolOfferDefaults, issues: ValidationIssue[]) {
  const attributes = product.attributes ?? {};
  const method = attributes[BOL_ATTRIBUTES.fulfilment] ?? defaults.fulfilmentMethod;
  if (method !== 'FBR' && method !== 'FBB')
    issues.push({ path: ['attributes', BOL_ATTRIBUTES.fulfilment], message: `Use FBR or FBB; got ${method}.` });
  const deliveryCode =
    attributes[BOL_ATTRIBUTES.deliveryCode] ?? (method === 'FBR' ? defaults.deliveryCode : undefined);
  if (deliveryCode !== undefined && !BOL_DELIVERY_CODES.includes(deliveryCode)) {
    issues.push({
      path: ['attributes', BOL_ATTRIBUTES.deliveryCode],
      message: `Unknown delivery code ${deliveryCode}; use one of ${BOL_DELIVERY_CODES.join(', ')}.`,
    });
  }
  return {
    method: method as BolFulfilmentMethod,
    ...(deliveryCode !== undefined && method === 'FBR' ? { deliveryCode } : {}),
  };
}

function common(product: Parsed, defaults: BolOfferDefaults, issues: ValidationIssue[]) {
  const attributes = product.attributes ?? {};
  const offer = product.offers[0];
  const out: {
    reference?: string;
    onHoldByRetailer: boolean;
    unknownProductTitle?: string;
    economicOperatorId?: string;
  } = { onHoldByRetailer: product.status === 'draft' };
  const reference = defaults.identifier === 'reference' ? offer?.sku : attributes[BOL_ATTRIBUTES.reference];
  if (reference !== undefined) {
    if (reference.length > 100)
      issues.push({
        path: ['attributes', BOL_ATTRIBUTES.reference],
        message: 'A bol.com reference has at most 100 characters.',
      });
    out.reference = reference;
  }
  if (product.title) out.unknownProductTitle = product.title.slice(0, 500);
  if (attributes[BOL_ATTRIBUTES.economicOperatorId])
    out.economicOperatorId = attributes[BOL_ATTRIBUTES.economicOperatorId];
  return out;
}

/**
 * The `POST /offers` body of a canonical product, or every reason it cannot be one (paths
 * into the product). A bol.com offer is one EAN in one condition: the product has exactly one
 * offer, whose `barcode` (or SKU, when the SKU is the EAN) is the EAN.
 *
 * @example
 * ```ts
 * const body = productToCreateOffer(product, { identifier: 'ean', fulfilmentMethod: 'FBR', deliveryCode: '1-2d', stockManagedByRetailer: true });
 * ```
 */
export function productToCreateOffer(
  product: Parsed,
  defaults: BolOfferDefaults,
): { ok: true; body: BolCreateOfferRequest } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  if (product.offers.length !== 1)
    issues.push({
      path: ['offers'],
      message: `A bol.com offer is one EAN in one condition: give exactly one offer (got ${product.offers.length}).`,
    });
  const offer = product.offers[0];
  const attributes = product.attributes ?? {};
  const ean = offer?.barcode ?? (defaults.identifier === 'ean' ? offer?.sku : undefined);
  if (!ean || !EAN.test(ean))
    issues.push({
      path: ['offers', 0, 'barcode'],
      message: `Give the EAN (8, 12, 13 or 14 digits, or an ISBN) as the offer's barcode; got ${ean ?? 'none'}.`,
    });
  const name = conditionToBol(
    offer?.condition as 'new' | 'used' | 'refurbished' | undefined,
    attributes[BOL_ATTRIBUTES.condition],
  );
  if (!name)
    issues.push({
      path: ['attributes', BOL_ATTRIBUTES.condition],
      message:
        'Set the bol.com condition: NEW, AS_NEW, GOOD, REASONABLE or MODERATE (second-hand offers need a grade).',
    });
  const price = offer ? toBolUnitPrice(offer.price) : undefined;
  if (price?.isErr()) issues.push({ path: ['offers', 0, 'price'], message: price.error.message });
  const stockText = attributes[BOL_ATTRIBUTES.stock] ?? '0';
  const amount = /^\d+$/.test(stockText) ? Number(stockText) : Number.NaN;
  if (!(amount >= 0 && amount <= 999))
    issues.push({
      path: ['attributes', BOL_ATTRIBUTES.stock],
      message: `bol.com stock is a whole number from 0 to 999; got ${stockText}.`,
    });
  const comment = attributes[BOL_ATTRIBUTES.conditionComment];
  if (comment !== undefined && (name === 'NEW' || comment.length > 2000))
    issues.push({
      path: ['attributes', BOL_ATTRIBUTES.conditionComment],
      message: 'A condition comment is only for second-hand offers and has at most 2,000 characters.',
    });
  const fulfilment = fulfilmentOf(product, defaults, issues);
  const rest = common(product, defaults, issues);
  if (issues.length > 0 || !price || price.isErr() || !name || !ean) return { ok: false, issues };
  return {
    ok: true,
    body: {
      ean,
      condition: { name, ...(comment !== undefined ? { comment } : {}) },
      ...rest,
      pricing: { bundlePrices: [{ quantity: 1, unitPrice: price.value }] },
      stock: { amount, managedByRetailer: defaults.stockManagedByRetailer },
      fulfilment,
    },
  };
}

/**
 * The `PUT /offers/{offer-id}` body (reference, hold, title, fulfilment) of a canonical product,
 * or every reason it cannot be one.
 *
 * @example
 * ```ts
 * const body = productToUpdateOffer(product, defaults);
 * ```
 */
export function productToUpdateOffer(
  product: Parsed,
  defaults: BolOfferDefaults,
): { ok: true; body: BolUpdateOfferRequest } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  if (product.offers.length !== 1)
    issues.push({
      path: ['offers'],
      message: `A bol.com offer is one EAN in one condition: give exactly one offer (got ${product.offers.length}).`,
    });
  const fulfilment = fulfilmentOf(product, defaults, issues);
  const rest = common(product, defaults, issues);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, body: { ...rest, fulfilment } };
}
