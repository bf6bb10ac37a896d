import { err, ok } from 'neverthrow';
import { ValidationError } from '../../../core/errors/validation-error.js';
import { failure } from '../../../core/result.js';
import type { PlatformMapper } from '../../../sync/mapper/types.js';
import type { BolCreateOfferRequest, BolRetailerOffer } from '../types.js';
import { factsOfRetailerOffer, offerToProduct, productToCreateOffer, type BolOfferDefaults } from './offer.js';

function isRetailerOffer(payload: unknown): payload is BolRetailerOffer {
  const offer = payload as BolRetailerOffer | null;
  return (
    typeof offer?.offerId === 'string' && typeof offer.ean === 'string' && Array.isArray(offer.pricing?.bundlePrices)
  );
}

/**
 * A bol.com mapper for the `DataMapper`: an offer as `GET /offers/{offer-id}` answers it ↔ a
 * canonical product, with your field mappings, category tables and defaults around it.
 * `fromCanonical` builds the `POST /offers` body and throws a `ValidationError` (reported by
 * the `DataMapper` as `transform_failed`) when the product breaks bol.com's rules.
 *
 * @example
 * ```ts
 * const mapper = new DataMapper({ mappers: [createBolOfferMapper({ identifier: 'reference' })] });
 * const product = mapper.toCanonical('bol', offer);
 * ```
 *
 * @category Platform types and mapping
 */
export function createBolOfferMapper(defaults: Partial<BolOfferDefaults> = {}): PlatformMapper<BolCreateOfferRequest> {
  const resolved: BolOfferDefaults = {
    identifier: defaults.identifier ?? 'ean',
    fulfilmentMethod: defaults.fulfilmentMethod ?? 'FBR',
    deliveryCode: defaults.deliveryCode,
    stockManagedByRetailer: defaults.stockManagedByRetailer ?? true,
  };
  return {
    platform: 'bol',
    toCanonical(payload) {
      if (!isRetailerOffer(payload))
        return err(failure('invalid_payload', 'Expected a bol.com offer with offerId, ean and pricing.bundlePrices.'));
      const product = offerToProduct(factsOfRetailerOffer(payload), resolved.identifier);
      return product.isOk() ? ok(product.value) : err(failure('invalid_payload', product.error.message));
    },
    fromCanonical(product, context) {
      const condition = product.offers[0]?.condition ?? context.defaults.condition;
      const input = {
        ...product,
        offers: product.offers.map((offer) => ({ ...offer, condition: offer.condition ?? condition ?? 'new' })),
      };
      const built = productToCreateOffer(input as Parameters<typeof productToCreateOffer>[0], resolved);
      if (!built.ok) throw new ValidationError('product for bol.com', built.issues, { platform: 'bol' });
      return built.body;
    },
  };
}

/**
 * The bol.com mapper with SKUs as EANs (see {@link createBolOfferMapper}).
 *
 * @example
 * ```ts
 * const mapper = new DataMapper({ mappers: [bolOfferMapper], fieldMappings: { bol: [{ from: 'attributes.grade', to: 'attributes.bol:condition' }] } });
 * ```
 *
 * @category Platform types and mapping
 */
export const bolOfferMapper: PlatformMapper<BolCreateOfferRequest> = createBolOfferMapper();
