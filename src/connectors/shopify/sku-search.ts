/**
 * A Shopify search query matching any of the SKUs, with quotes escaped.
 *
 * @example
 * ```ts
 * skuSearch(['A-1', "B'2"]); // "sku:'A-1' OR sku:'B\\'2'"
 * ```
 */
export function skuSearch(skus: readonly string[]): string {
  return skus.map((sku) => `sku:'${sku.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(' OR ');
}
