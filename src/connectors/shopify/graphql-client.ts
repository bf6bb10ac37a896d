import type { AuthHook } from '../../core/auth-hook.js';
import type { ResolvedContext } from '../../core/context.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../core/errors/not-found-error.js';
import { shopifyGraphqlClassifier } from './classify.js';
import { createHttpClient, type HttpClient } from '../../http/client.js';
import { SHOPIFY_API_VERSION_PATTERN } from './api-version.js';
import { plannedCost, shopifyRateLimitPlan, type ShopifyCostLimits, type ShopifyQueryCost } from './cost-planner.js';
import type { ShopifyConnection } from './types.js';

/**
 * Options of {@link ShopifyGraphqlClient}.
 *
 * @example
 * ```ts
 * const options: ShopifyGraphqlClientOptions = {
 *   shop: 'acme.myshopify.com', apiVersion: '2026-10', context, auth, limits: SHOPIFY_PLAN_LIMITS.standard,
 * };
 * ```
 *
 * @category Operations
 */
export interface ShopifyGraphqlClientOptions {
  /** The shop's myshopify domain (validated by the caller). */
  shop: string;
  /** The pinned Admin API version. */
  apiVersion: string;
  /** Replaces `https://{shop}/admin/api/{version}` (a proxy, a simulator). */
  endpoint?: string;
  /** Dependencies. */
  context: ResolvedContext;
  /** Attaches `X-Shopify-Access-Token`. */
  auth: AuthHook;
  /** The starting cost budget (then learned from `throttleStatus`). */
  limits: ShopifyCostLimits;
  /** Keep the budget in `context.store` so processes share it (default true). */
  sharedBudget?: boolean;
  /** Retries of throttled and (for safe calls) transient failures (default 5). */
  retries?: number;
  /** Per-attempt timeout (default 30,000 ms). */
  timeoutMs?: number;
}

/**
 * Options of one GraphQL call.
 *
 * @example
 * ```ts
 * const options: GraphqlCallOptions = { operation: 'setInventory', idempotent: true };
 * ```
 *
 * @category Operations
 */
export interface GraphqlCallOptions {
  /** The canonical operation this call belongs to (events, errors). */
  operation: string;
  /** Safe to send again after a timeout or 5xx (queries, compare-and-set, keyed mutations). */
  idempotent?: boolean;
  /** Cancels the call. */
  signal?: AbortSignal;
}

/**
 * The answer of one GraphQL call.
 *
 * @category Operations
 */
export interface GraphqlResult<T> {
  data: T;
  /** `extensions.cost` as Shopify reported it. */
  cost?: ShopifyQueryCost;
  /** Attempts the pipeline made. */
  attempts: number;
}

interface GraphqlBody {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string } }[] | string;
  extensions?: { cost?: ShopifyQueryCost };
}

/**
 * Shopify's Admin GraphQL endpoint on the request pipeline: every call reserves its requested
 * cost in the shop's cost bucket before it is sent (and is refused locally if it exceeds the
 * single-query maximum), the actual cost is refunded from `extensions.cost`, the bucket size,
 * restore rate and `currentlyAvailable` follow `throttleStatus` (the pipeline credits the
 * restore earned while the call was in flight, and keeps the plan's headroom), and
 * `THROTTLED` is retried whether it came with HTTP 200 or 429. A deprecated API version is reported as an `apiDeprecated` event.
 *
 * Every answer's `X-Shopify-API-Version` is read: when Shopify served another version than the
 * one configured (it falls forward to the oldest supported version when the configured one has
 * left support), `apiVersion` becomes the served version — the connector then chooses its
 * documents by it — and an `apiDeprecated` event with `servedVersion` is emitted once per
 * served version.
 *
 * @example
 * ```ts
 * const client = new ShopifyGraphqlClient({ shop, apiVersion: '2026-10', context, auth, limits: SHOPIFY_PLAN_LIMITS.standard });
 * const { data } = await client.request(SHOP_QUERY, {}, { operation: 'healthCheck' });
 * ```
 *
 * @category Operations
 */
export class ShopifyGraphqlClient {
  /** The pipeline this client sends through. */
  readonly http: HttpClient;
  readonly #options: ShopifyGraphqlClientOptions;
  readonly #reportedDeprecations = new Set<string>();
  #servedVersion: string | undefined;

  /** @param options - shop, version, auth, budget and dependencies */
  constructor(options: ShopifyGraphqlClientOptions) {
    this.#options = options;
    this.http = createHttpClient({
      platform: 'shopify',
      baseUrl: options.endpoint ?? `https://${options.shop}/admin/api/${options.apiVersion}`,
      context: options.context,
      auth: options.auth,
      limits: shopifyRateLimitPlan(options.shop, options.limits, options.sharedBudget ?? true),
      classify: shopifyGraphqlClassifier,
      retry: { limit: options.retries ?? 5 },
      timeoutMs: options.timeoutMs ?? 30_000,
    });
  }

  /** The API version requests are sent to (the configured `apiVersion`). */
  get requestedVersion(): string {
    return this.#options.apiVersion;
  }

  /**
   * The API version Shopify actually serves: the last `X-Shopify-API-Version` it answered with,
   * or the configured version before the first answer. Features are chosen by this version.
   */
  get apiVersion(): string {
    return this.#servedVersion ?? this.#options.apiVersion;
  }

  /** Sends one document; resolves its `data` or throws a `MarketbridgeError`. */
  async request<T>(
    document: string,
    variables: Record<string, unknown>,
    options: GraphqlCallOptions,
  ): Promise<GraphqlResult<T>> {
    const cost = plannedCost(document, variables, options.operation);
    const response = await this.http.request<GraphqlBody>({
      operation: options.operation,
      method: 'POST',
      path: this.#options.endpoint?.endsWith('.json') ? this.#options.endpoint : '/graphql.json',
      json: { query: document, variables },
      cost,
      idempotent: options.idempotent ?? document.trimStart().startsWith('query'),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    this.#followServedVersion(response.headers, options.operation);
    this.#reportDeprecation(response.headers, options.operation);
    const body = response.data ?? {};
    const errors = typeof body.errors === 'string' ? [{ message: body.errors }] : (body.errors ?? []);
    if (errors.length > 0 || body.data === undefined || body.data === null) {
      const codes = errors.map((error) => error.extensions?.code).filter(Boolean);
      const message = errors.map((error) => error.message).join('; ') || 'no data';
      const detail = { platform: 'shopify', operation: options.operation, status: response.status, body };
      if (codes.includes('NOT_FOUND')) throw new NotFoundError(`Shopify ${options.operation}: ${message}`, detail);
      throw new MarketplaceApiError(
        `Shopify ${options.operation} failed: ${message}${codes.length ? ` (${codes.join(', ')})` : ''}.`,
        { ...detail, retryable: false },
      );
    }
    return {
      data: body.data as T,
      ...(body.extensions?.cost ? { cost: body.extensions.cost } : {}),
      attempts: response.attempts,
    };
  }

  /**
   * Pages through a connection lazily: one request per page, following `endCursor`.
   *
   * @example
   * ```ts
   * for await (const node of client.paginate(PRODUCTS_QUERY, { first: 50 }, (d) => d.products, { operation: 'listProducts' })) {}
   * ```
   */
  async *paginate<D, N>(
    document: string,
    variables: Record<string, unknown>,
    select: (data: D) => ShopifyConnection<N>,
    options: GraphqlCallOptions,
  ): AsyncGenerator<N> {
    let after: string | null = null;
    for (;;) {
      const { data } = await this.request<D>(document, { ...variables, after }, options);
      const connection = select(data);
      for (const node of connection.nodes) yield node;
      if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
      after = connection.pageInfo.endCursor;
    }
  }

  #followServedVersion(headers: Headers, operation: string): void {
    const served = headers.get('x-shopify-api-version')?.trim();
    if (!served || !(served === 'unstable' || SHOPIFY_API_VERSION_PATTERN.test(served))) return;
    this.#servedVersion = served;
    const { context, apiVersion } = this.#options;
    if (served === apiVersion || this.#reportedDeprecations.has(`served:${served}`)) return;
    this.#reportedDeprecations.add(`served:${served}`);
    const reason = `Shopify served API version ${served} to requests for ${apiVersion} (a version that has left support falls forward to the oldest supported one); the connector now follows ${served}. Pin apiVersion to a supported version.`;
    context.logger.warn(reason, { operation });
    context.events.emit('apiDeprecated', {
      platform: 'shopify',
      tenantId: context.tenantId,
      operation,
      version: apiVersion,
      reason,
      servedVersion: served,
    });
  }

  #reportDeprecation(headers: Headers, operation: string): void {
    const reason = headers.get('x-shopify-api-deprecated-reason');
    if (!reason || this.#reportedDeprecations.has(reason)) return;
    this.#reportedDeprecations.add(reason);
    const { context, apiVersion } = this.#options;
    context.logger.warn(`Shopify API version ${apiVersion} is deprecated: ${reason}`, { operation });
    context.events.emit('apiDeprecated', {
      platform: 'shopify',
      tenantId: context.tenantId,
      operation,
      version: apiVersion,
      reason,
    });
  }
}
