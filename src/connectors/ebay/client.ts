import type { ResolvedContext } from '../../core/context.js';
import type { AuthHook } from '../../core/auth-hook.js';
import { createHttpClient, type HttpClient } from '../../http/client.js';
import type { HttpResponse } from '../../http/client-types.js';
import { paginate } from '../../http/pagination.js';
import { EBAY_TOKEN_HEADER } from './auth.js';
import { ebayClassifier } from './classify.js';
import { fromEbayError } from './errors.js';
import { ebayRateLimitPlan, type EbayCallLimit } from './limits.js';
import { EBAY_OPERATIONS, type EbayApi } from './operations-table.js';
import type { EbayRequest } from './requests/types.js';
import type { EbayPage } from './types.js';

/**
 * Options of {@link EbayClient}.
 *
 * @example
 * ```ts
 * const options: EbayClientOptions = { apiUrl: 'https://api.ebay.com', marketplaceId: 'EBAY_US', context, auth };
 * ```
 *
 * @category Marketplace
 */
export interface EbayClientOptions {
  /** The REST host (production, sandbox or an override). */
  apiUrl: string;
  /** Sent as `X-EBAY-C-MARKETPLACE-ID` on Inventory, Fulfillment and Post-Order calls. */
  marketplaceId: string;
  context: ResolvedContext;
  auth: AuthHook;
  /** Call limits per API (default `EBAY_CALL_LIMITS`). */
  limits?: Partial<Record<EbayApi, EbayCallLimit>>;
  /** Keep the budgets in the context store (default true). */
  sharedBudget?: boolean;
  /** Retries of throttled and safe failed calls (default 5). */
  retries?: number;
  /** Per-attempt timeout in ms (default 30,000). */
  timeoutMs?: number;
}

const MARKETPLACE_APIS = new Set<EbayApi>(['inventory', 'fulfillment', 'postOrder']);

function sameHostPath(link: string): string {
  const url = new URL(link, 'https://api.ebay.com');
  return `${url.pathname}${url.search}`;
}

/**
 * eBay's REST APIs on the request pipeline: one token bucket per API (daily quotas spread over
 * the day), eBay's error envelope classified (429 and errorId 2001 throttled, invalid tokens
 * refreshed once) and turned into typed errors that carry `errorId`, `longMessage` and
 * `parameters`, the marketplace header on the APIs that use it, and lazy paging by `next` links.
 *
 * @example
 * ```ts
 * const client = new EbayClient({ apiUrl: 'https://api.ebay.com', marketplaceId: 'EBAY_US', context, auth });
 * const offers = await client.send<{ offers: EbayOffer[] }>(getOffersRequest({ sku: 'MUG-1' }));
 * ```
 *
 * @category Marketplace
 */
export class EbayClient {
  /** The pipeline this client sends through. */
  readonly http: HttpClient;
  readonly #marketplaceId: string;

  /** @param options - host, marketplace, auth, limits and dependencies */
  constructor(options: EbayClientOptions) {
    this.#marketplaceId = options.marketplaceId;
    this.http = createHttpClient({
      platform: 'ebay',
      baseUrl: options.apiUrl,
      context: options.context,
      auth: options.auth,
      limits: ebayRateLimitPlan(options.limits, options.sharedBudget ?? true),
      classify: ebayClassifier,
      retry: { limit: options.retries ?? 5 },
      timeoutMs: options.timeoutMs ?? 30_000,
    });
  }

  /** Sends one request; resolves the response or throws a typed `MarketbridgeError` with eBay's error details. */
  async request<T>(request: EbayRequest, signal?: AbortSignal): Promise<HttpResponse<T>> {
    const { token, ...rest } = request;
    const headers: Record<string, string> = { ...rest.headers };
    if (MARKETPLACE_APIS.has(EBAY_OPERATIONS[request.operation].api))
      headers['x-ebay-c-marketplace-id'] ??= this.#marketplaceId;
    if (token) headers[EBAY_TOKEN_HEADER] = token;
    try {
      return await this.http.request<T>({ ...rest, headers, ...(signal ? { signal } : {}) });
    } catch (error) {
      throw fromEbayError(error, request.operation);
    }
  }

  /** Sends one request and resolves its body. */
  async send<T>(request: EbayRequest, signal?: AbortSignal): Promise<T> {
    return (await this.request<T>(request, signal)).data;
  }

  /**
   * Pages through an eBay collection lazily, following each page's `next` URL. Only its path
   * and query are used, on this client's host: a `next` link can never send the seller's token
   * elsewhere.
   *
   * @example
   * ```ts
   * for await (const item of client.pages(getInventoryItemsRequest({ limit: 100 }), (page: InventoryItems) => page.inventoryItems ?? [])) {}
   * ```
   */
  pages<P extends EbayPage, T>(
    first: EbayRequest,
    select: (page: P) => readonly T[] | undefined,
    signal?: AbortSignal,
  ): AsyncGenerator<T, void, undefined> {
    return paginate<T, string>({
      fetchPage: async (next, pageSignal) => {
        const request: EbayRequest = next === undefined ? first : { ...first, path: sameHostPath(next), query: {} };
        const page = await this.send<P>(request, pageSignal);
        return { items: select(page) ?? [], next: page?.next };
      },
      ...(signal ? { signal } : {}),
    });
  }
}
