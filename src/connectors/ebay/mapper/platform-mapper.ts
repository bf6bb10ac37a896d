import { err, ok } from 'neverthrow';
import { failure } from '../../../core/result.js';
import type { PlatformMapper } from '../../../sync/mapper/types.js';
import type { EbayInventoryItem, EbayOffer, EbayOfferInput } from '../types.js';
import type { EbayMappingOptions } from './overrides.js';
import { toEbayInventoryItem, toEbayOfferInput, toEbayProduct } from './product.js';

/**
 * What the eBay product mapper reads and writes: an inventory item (with its SKU) and its
 * offers on the way in, the inventory item and the offer to write on the way out.
 *
 * @category Platform types and mapping
 */
export interface EbayListingPayload {
  item: EbayInventoryItem & { sku: string };
  offers: EbayOffer[];
}

function isListingPayload(payload: unknown): payload is EbayListingPayload {
  const value = payload as EbayListingPayload | null;
  return typeof value?.item?.sku === 'string' && Array.isArray(value.offers);
}

/**
 * An eBay mapper for the `DataMapper`, for one marketplace and your mapping changes: your field
 * mappings and category tables apply on top of it (the category the table chose becomes the
 * offer's `categoryId`).
 *
 * @example
 * ```ts
 * const mapper = new DataMapper({ mappers: [createEbayProductMapper({ marketplaceId: 'EBAY_DE', mapping: { conditions: { used: 'USED_GOOD' } } })] });
 * ```
 *
 * @category Platform types and mapping
 */
export function createEbayProductMapper(options: {
  marketplaceId: string;
  mapping?: EbayMappingOptions;
}): PlatformMapper<{ item: EbayInventoryItem; offer: EbayOfferInput }> {
  const mappingOptions = { marketplaceId: options.marketplaceId, mapping: options.mapping };
  return {
    platform: 'ebay',
    toCanonical(payload) {
      if (!isListingPayload(payload))
        return err(
          failure('invalid_payload', 'Expected { item: { sku, ... }, offers: [...] } from the eBay Inventory API.'),
        );
      const product = toEbayProduct(payload.item, payload.offers, mappingOptions);
      return product.isOk()
        ? ok(product.value)
        : err(
            failure(
              product.error.reason === 'not_listable' ? 'invalid_record' : 'invalid_payload',
              product.error.message,
            ),
          );
    },
    fromCanonical(product, context) {
      return {
        item: toEbayInventoryItem(product, undefined, mappingOptions),
        offer: toEbayOfferInput(
          product,
          undefined,
          mappingOptions,
          context.categoryId ? { categoryId: context.categoryId } : {},
        ),
      };
    },
  };
}

/**
 * The eBay mapper for EBAY_US with the default mapping; see {@link createEbayProductMapper}.
 *
 * @example
 * ```ts
 * const mapper = new DataMapper({ mappers: [ebayProductMapper] });
 * const product = mapper.toCanonical('ebay', { item, offers });
 * ```
 *
 * @category Platform types and mapping
 */
export const ebayProductMapper = createEbayProductMapper({ marketplaceId: 'EBAY_US' });
