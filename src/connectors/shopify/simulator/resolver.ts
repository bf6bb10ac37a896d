import type { ShopifySimState } from './state.js';

/**
 * What a resolver of the simulated Admin API receives.
 *
 * @example
 * ```ts
 * const resolve = (ctx: SimResolverContext) => ({ data: { shop: { name: 'Sim' } } });
 * ```
 */
export interface SimResolverContext {
  state: ShopifySimState;
  variables: Record<string, unknown>;
  query: string;
  /** The simulator clock's time, ISO. */
  now: string;
  /**
   * The API version the simulator serves the request with: the one in the URL, or the oldest
   * supported version when the URL's has left support (Shopify falls forward).
   */
  version: string;
  /** The key of an `@idempotent(key:)` directive, if the document has one. */
  idempotencyKey?: string;
  /**
   * Asked by a keyed mutation when it is about to run: true when `ShopifySimulator.failNextAttempt`
   * wants this attempt to fail inside Shopify (each true answer uses one of its count).
   */
  failAttempt?: () => boolean;
}

/**
 * What a resolver returns: the `data` and, for connections, how many nodes it returned (the
 * actual cost is computed from it).
 *
 * @example
 * ```ts
 * const result: SimResolverResult = { data: { products: { nodes: [], pageInfo } }, returned: 0 };
 * ```
 */
export interface SimResolverResult {
  data: Record<string, unknown>;
  returned?: number;
}

/**
 * A resolver of one operation (by operation name).
 *
 * @example
 * ```ts
 * const resolvers: Record<string, SimResolver> = { MbShop: () => ({ data: { shop: {} } }) };
 * ```
 */
export type SimResolver = (ctx: SimResolverContext) => SimResolverResult;

/**
 * A top-level GraphQL error the simulator answers with (`errors`, no `data`; HTTP 200 unless
 * `status` says otherwise, e.g. 500 for an internal failure).
 *
 * @example
 * ```ts
 * throw new SimGraphqlError('Invalid id: gid://shopify/Product/x', 'BAD_REQUEST');
 * ```
 */
export class SimGraphqlError extends Error {
  /** @param message - the error message; @param code - `extensions.code`; @param status - the HTTP status (default 200) */
  constructor(
    message: string,
    readonly code?: string,
    readonly status = 200,
  ) {
    super(message);
  }
}

/**
 * One term of a Shopify search query (`sku:'A'`, `updated_at:>='2026-01-01'`).
 *
 * @example
 * ```ts
 * const term: SearchTerm = { field: 'sku', op: ':', value: 'A' };
 * ```
 */
export interface SearchTerm {
  field: string;
  op: string;
  value: string;
}

/**
 * Parses the terms of a search query; `OR`/`AND` connectives are ignored (the connector only
 * ORs SKUs and ANDs filters on different fields).
 *
 * @example
 * ```ts
 * parseSearch("sku:'A' OR sku:'B'"); // [{ field: 'sku', op: ':', value: 'A' }, ...]
 * ```
 */
export function parseSearch(query: unknown): SearchTerm[] {
  if (typeof query !== 'string') return [];
  const terms: SearchTerm[] = [];
  const pattern = /([a-z_]+):(>=|<=|>|<)?(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const match of query.matchAll(pattern)) {
    const raw = match[3] ?? match[4] ?? match[5] ?? '';
    terms.push({ field: match[1]!, op: match[2] ?? ':', value: raw.replace(/\\(.)/g, '$1') });
  }
  return terms;
}

/**
 * One page of `items` (sorted by `id`) after an opaque cursor, as a Shopify connection.
 *
 * @example
 * ```ts
 * const { connection, returned } = page(products, 50, null, toNode);
 * ```
 */
export function page<T extends { id: number }>(
  items: readonly T[],
  first: unknown,
  after: unknown,
  toNode: (item: T) => unknown,
): { connection: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }; returned: number } {
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
