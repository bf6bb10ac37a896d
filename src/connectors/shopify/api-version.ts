/**
 * The Admin API version the connector uses unless configured otherwise: a stable version
 * inside Shopify's support window (each stable version is supported for at least 12 months).
 * Pin your own with the `apiVersion` option and move it forward deliberately.
 *
 * @example
 * ```ts
 * new ShopifyMarketplace({ shop: 'acme.myshopify.com', accessToken, apiVersion: SHOPIFY_DEFAULT_API_VERSION });
 * ```
 *
 * @category Marketplace
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
 *
 * @category Marketplace
 */
export const SHOPIFY_API_VERSION_PATTERN = /^20\d\d-(01|04|07|10)$/;

/**
 * What an API version supports that changes the documents the connector sends or how it reads
 * the answers. Each flag names the version it arrived in (shopify.dev changelog).
 *
 * @example
 * ```ts
 * const features: ShopifyVersionFeatures = versionFeatures('2026-01');
 * features.bulkQueryConcurrency; // 5
 * ```
 *
 * @category Marketplace
 */
export interface ShopifyVersionFeatures {
  /**
   * 2026-01+: inventory mutations take `changeFromQuantity` — the compare value of
   * `inventorySetQuantities` (replacing `compareQuantity`) and of every change of
   * `inventoryAdjustQuantities` (null skips the check). Required on every item from 2026-04.
   */
  changeFromQuantity: boolean;
  /** 2026-01+: inventory mutations accept an `@idempotent(key:)` directive (required from 2026-04). */
  idempotentDirective: boolean;
  /**
   * The default of `bulkOperationRunQuery(groupObjects:)`: true before 2026-01 (children follow
   * their parent in the JSONL), false from 2026-01 (rows in any order).
   */
  bulkGroupObjectsByDefault: boolean;
  /** Bulk query operations an app may run at once per shop: 1 before 2026-01, 5 from 2026-01. */
  bulkQueryConcurrency: number;
}

/**
 * Whether `version` is `since` or newer; `unstable` is newer than every stable version.
 *
 * @example
 * ```ts
 * apiVersionAtLeast('2026-04', '2026-01'); // true
 * apiVersionAtLeast('unstable', '2027-01'); // true
 * ```
 *
 * @category Marketplace
 */
export function apiVersionAtLeast(version: string, since: string): boolean {
  return version === 'unstable' || version >= since;
}

/**
 * The features of an API version. `unstable` has everything.
 *
 * @example
 * ```ts
 * versionFeatures('2025-10').changeFromQuantity; // false
 * versionFeatures('2026-10').bulkGroupObjectsByDefault; // false
 * ```
 *
 * @category Marketplace
 */
export function versionFeatures(version: string): ShopifyVersionFeatures {
  const modern = apiVersionAtLeast(version, '2026-01');
  return {
    changeFromQuantity: modern,
    idempotentDirective: modern,
    bulkGroupObjectsByDefault: !modern,
    bulkQueryConcurrency: modern ? 5 : 1,
  };
}
