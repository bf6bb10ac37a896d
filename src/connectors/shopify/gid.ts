/**
 * Builds a Shopify global id from a resource type and a numeric id; an id that already is a
 * GID is returned unchanged.
 *
 * @example
 * ```ts
 * toGid('Product', '123'); // 'gid://shopify/Product/123'
 * toGid('Product', 'gid://shopify/Product/123'); // same
 * ```
 *
 * @category Platform types and mapping
 */
export function toGid(type: string, id: string): string {
  return id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`;
}

/**
 * The numeric (last) part of a Shopify global id, which the canonical model uses as `id`;
 * anything that is not a GID is returned unchanged.
 *
 * @example
 * ```ts
 * fromGid('gid://shopify/Order/1001'); // '1001'
 * fromGid('gid://shopify/InventoryItem/7?inventory_item_id=7'); // '7'
 * ```
 *
 * @category Platform types and mapping
 */
export function fromGid(gid: string): string {
  if (!gid.startsWith('gid://')) return gid;
  const last = gid.slice(gid.lastIndexOf('/') + 1);
  const query = last.indexOf('?');
  return query < 0 ? last : last.slice(0, query);
}
