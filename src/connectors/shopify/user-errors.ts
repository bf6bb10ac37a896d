import { ConflictError } from '../../core/errors/conflict-error.js';
import type { MarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../core/errors/not-found-error.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import type { ShopifyUserError } from './types.js';

/**
 * The index of the input item a user error points at, from its `field` path (the number
 * after `listName`), or undefined.
 *
 * @example
 * ```ts
 * userErrorIndex({ field: ['input', 'quantities', '3', 'compareQuantity'], message: '' }, 'quantities'); // 3
 * ```
 */
export function userErrorIndex(error: ShopifyUserError, listName: string): number | undefined {
  const field = error.field ?? [];
  const at = field.indexOf(listName);
  const index = at >= 0 ? Number(field[at + 1]) : Number.NaN;
  return Number.isInteger(index) ? index : undefined;
}

/**
 * The typed error for one item's Shopify user error: stale compare values are conflicts,
 * missing resources are not-found, invalid values are validation errors.
 *
 * @example
 * ```ts
 * const error = userErrorToError({ field: ['id'], message: 'Product does not exist' }, 'deleteProducts');
 * ```
 */
export function userErrorToError(error: ShopifyUserError, operation: string): MarketbridgeError {
  const options = { platform: 'shopify', operation };
  const code = error.code ?? '';
  if (code.endsWith('_STALE'))
    return new ConflictError(`${error.message} Re-read the level and decide again.`, options);
  if (
    /NOT_FOUND|DOES_NOT_EXIST|INVALID_INVENTORY_ITEM|INVALID_LOCATION/.test(code) ||
    /does not exist|not found/i.test(error.message)
  ) {
    return new NotFoundError(error.message, options);
  }
  if (/^INVALID|BLANK|TOO_|NEGATIVE|TAKEN/.test(code)) {
    return new ValidationError(
      `Shopify ${operation} input`,
      [{ path: error.field ?? [], message: error.message, code }],
      options,
    );
  }
  return new MarketplaceApiError(`Shopify refused ${operation}: ${error.message}`, { ...options, body: error });
}
