import { SimGraphqlError } from './resolver.js';

/**
 * One page of `items` (sorted by `id`) after an opaque cursor, as a Shopify connection.
 *
 * @example
 * ```ts
 * const { connection, returned } = page(products, 50, null, toNode);
 * ```
 *
 * @category Simulator
 */
export function page<T extends { id: number }>(
  items: readonly T[],
  first: unknown,
  after: unknown,
  toNode: (item: T) => unknown,
): {
  connection: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  returned: number;
} {
  const size = typeof first === 'number' ? first : 50;
  if (size < 1 || size > 250) throw new SimGraphqlError('The first argument must be between 1 and 250.', 'BAD_REQUEST');
  const lastId = typeof after === 'string' && after ? Number(atob(after).replace(/^id:/, '')) : 0;
  const sorted = [...items].sort((a, b) => a.id - b.id).filter((item) => item.id > lastId);
  const slice = sorted.slice(0, size);
  const last = slice.at(-1);
  return {
    connection: {
      nodes: slice.map(toNode),
      pageInfo: { hasNextPage: sorted.length > size, endCursor: last ? btoa(`id:${last.id}`) : null },
    },
    returned: slice.length,
  };
}
