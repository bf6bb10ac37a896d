import { err, ok } from 'neverthrow';
import { failure } from '../../core/result.js';
import type { PlatformMapper } from '../../sync/mapper/types.js';
import { toProduct, toProductSetVariables } from './mapper.js';
import type { ShopifyProductNode } from './types.js';

/**
 * The variables of `productSet` that {@link shopifyProductMapper} produces.
 *
 * @category Platform types and mapping
 */
export interface ShopifyProductSetVariables {
  /** The `ProductSetInput`. */
  input: Record<string, unknown>;
  /** The product to update (`{ id }`), or `null` to create one. */
  identifier: { id: string } | null;
}

function isProductNode(payload: unknown): payload is ShopifyProductNode {
  const node = payload as ShopifyProductNode | null;
  return typeof node?.id === 'string' && typeof node.title === 'string' && Array.isArray(node.variants?.nodes);
}

/**
 * The Shopify mapper for the `DataMapper`: a product as the Admin GraphQL API returns it ↔ a
 * canonical product. Register it to apply your field mappings, category tables and defaults
 * (the currency comes from `defaults.shopify.currency`) on top of the connector's own mapping.
 *
 * @example
 * ```ts
 * const mapper = new DataMapper({ mappers: [shopifyProductMapper], defaults: { shopify: { currency: 'EUR' } } });
 * const product = mapper.toCanonical('shopify', productNode);
 * ```
 *
 * @category Platform types and mapping
 */
export const shopifyProductMapper: PlatformMapper<ShopifyProductSetVariables> = {
  platform: 'shopify',
  toCanonical(payload, context) {
    if (!isProductNode(payload))
      return err(failure('invalid_payload', 'Expected a Shopify product with id, title and variants.nodes.'));
    const currency = context.defaults.currency;
    if (!currency)
      return err(
        failure('invalid_payload', 'Set defaults.shopify.currency (the shop currency) to map Shopify prices.'),
      );
    const mapped = toProduct(payload, currency);
    return mapped.isOk()
      ? ok(mapped.value)
      : err(
          failure(
            mapped.error.reason === 'invalid_payload' ? 'invalid_record' : 'invalid_payload',
            mapped.error.message,
          ),
        );
  },
  fromCanonical(product) {
    return toProductSetVariables(product);
  },
};
