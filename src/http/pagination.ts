import { ValidationError } from '../core/errors/validation-error.js';

/**
 * One page of a paginated API: its items and how to get the next one (`undefined` at the end).
 *
 * @category Pagination
 */
export interface Page<T, C> {
  items: readonly T[];
  /** The cursor, token, page number or URL of the next page; `undefined` or `null` when done. */
  next?: C | null | undefined;
}

/**
 * Options of {@link paginate}.
 *
 * @example
 * ```ts
 * const options: PaginateOptions<Order, string> = { fetchPage: (cursor, signal) => getOrders(cursor, signal), maxPages: 1000 };
 * ```
 *
 * @category Pagination
 */
export interface PaginateOptions<T, C> {
  /** Fetches the page at `cursor` (`undefined` for the first page). */
  fetchPage(cursor: C | undefined, signal?: AbortSignal): Promise<Page<T, C>>;
  /** Stops after this many pages (default: no limit). */
  maxPages?: number;
  /** Cancels between and during page fetches. */
  signal?: AbortSignal;
}

/**
 * Turns any cursor-style API into a lazy `AsyncIterable` of items: a page is fetched only when
 * the consumer reaches it, and breaking out of the loop fetches nothing more. A cursor that
 * repeats (a platform bug that would loop forever) stops the iteration with a
 * `ValidationError`.
 *
 * @example
 * ```ts
 * for await (const order of paginate({ fetchPage: (cursor) => fetchOrders(cursor) })) {
 *   if (done(order)) break; // no further page is requested
 * }
 * ```
 *
 * @category Pagination
 */
export async function* paginate<T, C>(options: PaginateOptions<T, C>): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cursor: C | undefined;
  for (let pages = 0; options.maxPages === undefined || pages < options.maxPages; pages++) {
    options.signal?.throwIfAborted();
    const page = await options.fetchPage(cursor, options.signal);
    yield* page.items;
    if (page.next === undefined || page.next === null || page.next === '') return;
    const key = JSON.stringify(page.next);
    if (seen.has(key)) {
      throw new ValidationError('pagination', [
        { path: ['next'], message: `The platform returned the cursor ${key} twice; stopping instead of looping.` },
      ]);
    }
    seen.add(key);
    cursor = page.next;
  }
}

/**
 * Cursor pagination (Shopify GraphQL `pageInfo.endCursor`, eBay/MercadoLibre cursors).
 *
 * @example
 * ```ts
 * const products = paginateCursor(async (after) => {
 *   const { data } = await client.request<ProductsPage>({ operation: 'products', method: 'POST', path: 'graphql.json', idempotent: true, json: { query, variables: { after } } });
 *   const c = data.data.products;
 *   return { items: c.nodes, next: c.pageInfo.hasNextPage ? c.pageInfo.endCursor : undefined };
 * });
 * ```
 *
 * @category Pagination
 */
export function paginateCursor<T>(
  fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T, string>>,
  options: Omit<PaginateOptions<T, string>, 'fetchPage'> = {},
): AsyncGenerator<T, void, undefined> {
  return paginate({ ...options, fetchPage });
}

/**
 * Next-token pagination (SP-API `pagination.nextToken` / `NextToken`): the token replaces the
 * query of the first call.
 *
 * @example
 * ```ts
 * const orders = paginateNextToken(async (nextToken) => {
 *   const { data } = await client.request<OrdersBody>({ operation: 'getOrders', method: 'GET', path: '/orders/v0/orders', query: nextToken ? { NextToken: nextToken, MarketplaceIds: ids } : { MarketplaceIds: ids, CreatedAfter: since } });
 *   return { items: data.payload.Orders, next: data.payload.NextToken };
 * });
 * ```
 *
 * @category Pagination
 */
export function paginateNextToken<T>(
  fetchPage: (nextToken: string | undefined, signal?: AbortSignal) => Promise<Page<T, string>>,
  options: Omit<PaginateOptions<T, string>, 'fetchPage'> = {},
): AsyncGenerator<T, void, undefined> {
  return paginate({ ...options, fetchPage });
}

/**
 * Page-number pagination (bol.com `page=1,2,...`): stops at an empty page, a short page
 * (fewer than `pageSize` items, when given), or `totalPages`.
 *
 * @example
 * ```ts
 * const offers = paginatePages(async (page) => (await client.request<{ offers?: Offer[] }>({ operation: 'getOffers', method: 'GET', path: '/offers', query: { page } })).data.offers ?? [], { first: 1 });
 * ```
 *
 * @category Pagination
 */
export function paginatePages<T>(
  fetchPage: (
    page: number,
    signal?: AbortSignal,
  ) => Promise<readonly T[] | { items: readonly T[]; totalPages?: number }>,
  options: Omit<PaginateOptions<T, number>, 'fetchPage'> & { first?: number; pageSize?: number } = {},
): AsyncGenerator<T, void, undefined> {
  const first = options.first ?? 1;
  return paginate<T, number>({
    ...options,
    fetchPage: async (cursor, signal) => {
      const page = cursor ?? first;
      const answer = await fetchPage(page, signal);
      const items = Array.isArray(answer) ? (answer as readonly T[]) : (answer as { items: readonly T[] }).items;
      const totalPages = Array.isArray(answer) ? undefined : (answer as { totalPages?: number }).totalPages;
      const last =
        items.length === 0 ||
        (options.pageSize !== undefined && items.length < options.pageSize) ||
        (totalPages !== undefined && page - first + 1 >= totalPages);
      return { items, next: last ? undefined : page + 1 };
    },
  });
}

/**
 * Parses an RFC 8288 `Link` header into its relations (`next`, `prev`, ...) → URL.
 *
 * @example
 * ```ts
 * parseLinkHeader('<https://x.test/p?page_info=abc>; rel="next", <https://x.test/p?page_info=z>; rel="previous"').next;
 * // 'https://x.test/p?page_info=abc'
 * ```
 *
 * @category Pagination
 */
export function parseLinkHeader(header: string | null | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match) continue;
    const rel = /\brel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '');
    if (!rel) continue;
    for (const name of rel[1]!.trim().split(/\s+/)) links[name.toLowerCase()] ??= match[1]!;
  }
  return links;
}

/**
 * Link-header pagination (Shopify REST `page_info`, GitHub-style APIs): follows `rel="next"`
 * absolute URLs until there is none.
 *
 * @example
 * ```ts
 * const products = paginateLinks(async (url) => {
 *   const response = await client.request<{ products: Product[] }>({ operation: 'products', method: 'GET', path: url ?? '/products.json' });
 *   return { items: response.data.products, headers: response.headers };
 * });
 * ```
 *
 * @category Pagination
 */
export function paginateLinks<T>(
  fetchPage: (url: string | undefined, signal?: AbortSignal) => Promise<{ items: readonly T[]; headers: Headers }>,
  options: Omit<PaginateOptions<T, string>, 'fetchPage'> = {},
): AsyncGenerator<T, void, undefined> {
  return paginate<T, string>({
    ...options,
    fetchPage: async (url, signal) => {
      const { items, headers } = await fetchPage(url, signal);
      return { items, next: parseLinkHeader(headers.get('link')).next };
    },
  });
}
