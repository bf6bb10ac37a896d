/**
 * The Admin API version the connector uses unless configured otherwise: a stable version
 * inside Shopify's support window (each stable version is supported for at least 12 months).
 * Pin your own with the `apiVersion` option and move it forward deliberately.
 *
 * @example
 * ```ts
 * new ShopifyMarketplace({ shop: 'acme.myshopify.com', accessToken, apiVersion: SHOPIFY_DEFAULT_API_VERSION });
 * ```
 */
export const SHOPIFY_DEFAULT_API_VERSION = '2026-10';

/**
 * A stable Admin API version: `YYYY-MM` with a quarter month (01, 04, 07, 10).
 *
 * @example
 * ```ts
 * SHOPIFY_API_VERSION_PATTERN.test('2026-01'); // true
 * SHOPIFY_API_VERSION_PATTERN.test('2026-02'); // false
 * ```
 */
export const SHOPIFY_API_VERSION_PATTERN = /^20\d\d-(01|04|07|10)$/;

/**
 * What an API version supports that changes the documents the connector sends.
 *
 * @example
 * ```ts
 * const features: ShopifyVersionFeatures = versionFeatures('2026-01'); // { changeFromQuantity: true, idempotentDirective: true }
 * ```
 */
export interface ShopifyVersionFeatures {
  /** `inventorySetQuantities` compares with `changeFromQuantity` (else `compareQuantity`). */
  changeFromQuantity: boolean;
  /** Inventory mutations accept an `@idempotent(key:)` directive. */
  idempotentDirective: boolean;
}

/**
 * The features of an API version: both arrived in 2026-01 (and are required from 2026-04).
 * `unstable` has everything.
 *
 * @example
 * ```ts
 * versionFeatures('2025-10').changeFromQuantity; // false
 * ```
 */
export function versionFeatures(version: string): ShopifyVersionFeatures {
  const modern = version === 'unstable' || version >= '2026-01';
  return { changeFromQuantity: modern, idempotentDirective: modern };
}
