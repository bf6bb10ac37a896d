import type { PlatformMapper } from '../../../sync/mapper/types.js';
import { itemBodyOf } from './item-body.js';
import { itemToProduct } from './items.js';

/**
 * The MercadoLibre mapper for the `DataMapper`: an item as `GET /items/{id}` returns it ↔ a
 * canonical product, and a canonical product → the body of `POST /items`. Register it to put
 * your field mappings and category tables (your category → `MLA1902`) in front; the currency
 * comes from `defaults.mercadolibre.currency` (default ARS) and the listing type from
 * `defaults.mercadolibre.listingType` (default `gold_special`).
 *
 * @example
 * ```ts
 * const mapper = new DataMapper({
 *   mappers: [mercadolibreProductMapper],
 *   categories: { mercadolibre: { mugs: 'MLA1902' } },
 *   defaults: { mercadolibre: { currency: 'ARS', listingType: 'gold_pro' } },
 * });
 * const body = mapper.toPlatform('mercadolibre', product);
 * ```
 *
 * @category Platform types and mapping
 */
export const mercadolibreProductMapper: PlatformMapper<Record<string, unknown>> = {
  platform: 'mercadolibre',
  toCanonical(payload) {
    return itemToProduct(payload);
  },
  fromCanonical(product, context) {
    const { body, issues } = itemBodyOf(product, {
      currency: context.defaults.currency ?? 'ARS',
      listingTypeId: context.defaults.listingType ?? 'gold_special',
    });
    if (issues.length > 0)
      throw new Error(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    return body;
  },
};
