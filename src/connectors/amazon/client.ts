import type { ResolvedContext } from '../../core/context.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { takeFromBucket } from '../../stores/bucket.js';
import { decodeDocument } from '../../http/jobs/decode.js';
import { LISTINGS_FEED_SUBMISSIONS } from './limits.js';
import * as build from './requests/index.js';
import type { SpApiRequest } from './requests/types.js';
import { amazonBudgetKeys, type AmazonBudgetScope } from './transport/budget-scope.js';
import type { AmazonTransport } from './transport/types.js';

/**
 * What {@link SpApiClient} needs: a transport, the seller and the default store.
 *
 * @example
 * ```ts
 * const options: SpApiClientOptions = { transport, context, sellerId: 'A1SELLER', marketplaceId: 'ATVPDKIKX0DER' };
 * ```
 *
 * @category Marketplace
 */
export interface SpApiClientOptions {
  transport: AmazonTransport;
  context: ResolvedContext;
  sellerId: string;
  marketplaceId: string;
  /** Whose budgets the client's own limits (JSON_LISTINGS_FEED submissions) spend; see {@link AmazonBudgetScope}. */
  budgetScope?: AmazonBudgetScope;
}

/**
 * A restricted resource and its token, cached until shortly before it expires.
 *
 * @category Marketplace
 */
export interface RestrictedTokenEntry {
  token: string;
  expiresAt: number;
}

/**
 * The SP-API operations marketbridge uses, one method each, returning Amazon's own shapes
 * (`payload` unwrapped for the v0 APIs). The canonical layer is {@link AmazonMarketplace}.
 *
 * @example
 * ```ts
 * const client = new SpApiClient({ transport, context, sellerId, marketplaceId });
 * const order = await client.getOrder('902-1845936-5435065');
 * ```
 *
 * @category Marketplace
 */
export class SpApiClient {
  readonly sellerId: string;
  readonly marketplaceId: string;
  readonly #transport: AmazonTransport;
  readonly #context: ResolvedContext;
  readonly #rdt = new Map<string, RestrictedTokenEntry>();
  readonly #budget: { prefix: string; scope: string; bucket(operation: string): string };

  /** @param options - transport, context, seller and store */
  constructor(options: SpApiClientOptions) {
    this.#transport = options.transport;
    this.#context = options.context;
    this.sellerId = options.sellerId;
    this.marketplaceId = options.marketplaceId;
    this.#budget = options.budgetScope
      ? amazonBudgetKeys(options.budgetScope)
      : { prefix: 'rl:amazon', scope: this.#context.tenantId, bucket: (operation) => operation };
  }

  /** Sends a built request; restricted operations get a Restricted Data Token first. */
  async send<T>(request: SpApiRequest, options: { signal?: AbortSignal; idempotent?: boolean } = {}): Promise<T> {
    const headers = { ...request.headers };
    if (request.restricted)
      headers['x-amz-access-token'] = await this.restrictedDataToken(request.method, request.path, options.signal);
    const response = await this.#transport.request<T>({
      operation: request.operation,
      method: request.method,
      path: request.path,
      ...(request.query ? { query: request.query } : {}),
      headers,
      ...(request.json !== undefined ? { json: request.json } : {}),
      ...(options.idempotent !== undefined ? { idempotent: options.idempotent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.data;
  }

  /** Sends a built request of a v0-style API and unwraps its `payload` (answers without one are returned whole). */
  async sendPayload<T>(request: SpApiRequest, signal?: AbortSignal): Promise<T> {
    const body = await this.send<{ payload?: T; errors?: unknown }>(request, signal ? { signal } : {});
    if (body && typeof body === 'object' && 'payload' in body) return body.payload as T;
    return body as T;
  }

  /** A Restricted Data Token for one restricted path, reused until a minute before it expires. */
  async restrictedDataToken(method: string, path: string, signal?: AbortSignal): Promise<string> {
    const key = `${method} ${path}`;
    const cached = this.#rdt.get(key);
    if (cached && cached.expiresAt - 60_000 > this.#context.clock.now()) return cached.token;
    const body = await this.send<{ restrictedDataToken: string; expiresIn: number }>(
      build.createRestrictedDataTokenRequest([{ method, path }]),
      signal ? { signal } : {},
    );
    this.#rdt.set(key, {
      token: body.restrictedDataToken,
      expiresAt: this.#context.clock.now() + body.expiresIn * 1000,
    });
    return body.restrictedDataToken;
  }

  // Listings
  /** `getListingsItem`. */
  getListingsItem<T = unknown>(sku: string, includedData?: readonly string[], signal?: AbortSignal): Promise<T> {
    return this.send(
      build.getListingsItemRequest({
        sellerId: this.sellerId,
        sku,
        marketplaceId: this.marketplaceId,
        ...(includedData ? { includedData } : {}),
      }),
      signal ? { signal } : {},
    );
  }
  /** `putListingsItem` (`mode: 'VALIDATION_PREVIEW'` for a dry run; `requirements` as Amazon names them). */
  putListingsItem<T = unknown>(
    input: {
      sku: string;
      productType: string;
      requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
      attributes: Record<string, unknown>;
      mode?: 'VALIDATION_PREVIEW';
    },
    signal?: AbortSignal,
  ): Promise<T> {
    return this.send(
      build.putListingsItemRequest({ sellerId: this.sellerId, marketplaceId: this.marketplaceId, ...input }),
      signal ? { signal } : {},
    );
  }
  /** `patchListingsItem` (absolute values merged by selector, so a resend is harmless). */
  patchListingsItem<T = unknown>(
    input: { sku: string; productType: string; patches: readonly build.ListingPatch[]; mode?: 'VALIDATION_PREVIEW' },
    signal?: AbortSignal,
  ): Promise<T> {
    return this.send(
      build.patchListingsItemRequest({ sellerId: this.sellerId, marketplaceId: this.marketplaceId, ...input }),
      { idempotent: true, ...(signal ? { signal } : {}) },
    );
  }
  /** `deleteListingsItem`. */
  deleteListingsItem<T = unknown>(sku: string, signal?: AbortSignal): Promise<T> {
    return this.send(
      build.deleteListingsItemRequest({ sellerId: this.sellerId, sku, marketplaceId: this.marketplaceId }),
      signal ? { signal } : {},
    );
  }
  /** `searchListingsItems` (one page; `identifiers` with `identifiersType` picks up to 20 listings). */
  searchListingsItems<T = unknown>(
    options: {
      pageToken?: string;
      pageSize?: number;
      lastUpdatedAfter?: string;
      identifiers?: readonly string[];
      identifiersType?: 'SKU' | 'ASIN';
      includedData?: readonly string[];
    } = {},
    signal?: AbortSignal,
  ): Promise<T> {
    return this.send(
      build.searchListingsItemsRequest({ sellerId: this.sellerId, marketplaceId: this.marketplaceId, ...options }),
      signal ? { signal } : {},
    );
  }

  // Feeds
  /** `createFeedDocument`. */
  createFeedDocument(contentType?: string, signal?: AbortSignal): Promise<{ feedDocumentId: string; url: string }> {
    return this.send(build.createFeedDocumentRequest(contentType), signal ? { signal } : {});
  }
  /** `createFeed`; `JSON_LISTINGS_FEED` also waits for its own submission limit (5 per 5 minutes). */
  async createFeed(
    input: { feedType: string; inputFeedDocumentId: string; marketplaceIds?: readonly string[] },
    signal?: AbortSignal,
  ): Promise<{ feedId: string }> {
    if (input.feedType === 'JSON_LISTINGS_FEED')
      await this.#waitFor('createFeed:JSON_LISTINGS_FEED', LISTINGS_FEED_SUBMISSIONS, signal);
    return this.send(
      build.createFeedRequest({
        feedType: input.feedType,
        inputFeedDocumentId: input.inputFeedDocumentId,
        marketplaceIds: input.marketplaceIds ?? [this.marketplaceId],
      }),
      signal ? { signal } : {},
    );
  }
  /** `getFeed`. */
  getFeed<T = { feedId: string; processingStatus: string; resultFeedDocumentId?: string }>(
    feedId: string,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.send(build.getFeedRequest(feedId), signal ? { signal } : {});
  }
  /** `cancelFeed` (only feeds still `IN_QUEUE`). */
  async cancelFeed(feedId: string, signal?: AbortSignal): Promise<void> {
    await this.send(build.cancelFeedRequest(feedId), signal ? { signal } : {});
  }
  /** `getFeedDocument`. */
  getFeedDocument(
    feedDocumentId: string,
    signal?: AbortSignal,
  ): Promise<{ feedDocumentId: string; url: string; compressionAlgorithm?: string }> {
    return this.send(build.getFeedDocumentRequest(feedDocumentId), signal ? { signal } : {});
  }

  // Reports
  /** `createReport`. */
  createReport(
    input: {
      reportType: string;
      marketplaceIds?: readonly string[];
      dataStartTime?: string;
      dataEndTime?: string;
      reportOptions?: Record<string, string>;
    },
    signal?: AbortSignal,
  ): Promise<{ reportId: string }> {
    return this.send(
      build.createReportRequest({ ...input, marketplaceIds: input.marketplaceIds ?? [this.marketplaceId] }),
      signal ? { signal } : {},
    );
  }
  /** `getReport`. */
  getReport<T = { reportId: string; processingStatus: string; reportDocumentId?: string }>(
    reportId: string,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.send(build.getReportRequest(reportId), signal ? { signal } : {});
  }
  /** `cancelReport`. */
  async cancelReport(reportId: string, signal?: AbortSignal): Promise<void> {
    await this.send(build.cancelReportRequest(reportId), signal ? { signal } : {});
  }
  /** `getReportDocument`. */
  getReportDocument(
    reportDocumentId: string,
    signal?: AbortSignal,
  ): Promise<{ reportDocumentId: string; url: string; compressionAlgorithm?: string }> {
    return this.send(build.getReportDocumentRequest(reportDocumentId), signal ? { signal } : {});
  }

  // Documents (pre-signed URLs: no SP-API auth, no SP-API limits)
  /** Uploads a feed document's content to its pre-signed URL. */
  async uploadDocument(
    url: string,
    body: string,
    contentType = 'application/json; charset=UTF-8',
    signal?: AbortSignal,
  ): Promise<void> {
    const response = await this.#context.fetch(url, {
      method: 'PUT',
      headers: { 'content-type': contentType },
      body,
      ...(signal ? { signal } : {}),
    });
    if (!response.ok)
      throw new MarketplaceApiError(
        `Uploading the feed document failed with HTTP ${response.status}; create a new document and try again.`,
        { platform: 'amazon', operation: 'uploadFeedDocument', status: response.status, retryable: true },
      );
  }
  /** Downloads a document's raw bytes (still compressed, if it is). */
  async downloadRaw(url: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    return (await this.#fetchDocument(url, signal)).body as ReadableStream<Uint8Array>;
  }

  /**
   * Downloads a document as decoded text: gzip detected from the bytes (documents labelled
   * GZIP are sometimes plain) and the charset of the response honoured (EU reports use Cp1252).
   */
  async downloadDocument(url: string, signal?: AbortSignal): Promise<ReadableStream<string>> {
    return decodeDocument(await this.#fetchDocument(url, signal));
  }

  async #fetchDocument(url: string, signal?: AbortSignal): Promise<Response> {
    const response = await this.#context.fetch(url, { method: 'GET', ...(signal ? { signal } : {}) });
    if (!response.ok || !response.body)
      throw new MarketplaceApiError(
        `Downloading the document failed with HTTP ${response.status}; the URL expires after 5 minutes, get the document again.`,
        { platform: 'amazon', operation: 'downloadDocument', status: response.status, retryable: true },
      );
    return response;
  }

  // FBA inventory, catalog (orders and finances: see orders/ and finances/, one folder per API version)
  /** `getInventorySummaries` for at most 50 SKUs (one page). */
  getInventorySummaries<T = { inventorySummaries: unknown[] }>(
    sellerSkus: readonly string[],
    nextToken?: string,
    signal?: AbortSignal,
  ): Promise<{ payload: T; pagination?: { nextToken?: string } }> {
    return this.send(
      build.getInventorySummariesRequest({
        marketplaceId: this.marketplaceId,
        sellerSkus,
        ...(nextToken ? { nextToken } : {}),
      }),
      signal ? { signal } : {},
    );
  }
  /** `searchCatalogItems`. */
  searchCatalogItems<T = { items: unknown[]; pagination?: { nextToken?: string } }>(
    options: Omit<Parameters<typeof build.searchCatalogItemsRequest>[0], 'marketplaceId'>,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.send(
      build.searchCatalogItemsRequest({ marketplaceId: this.marketplaceId, sellerId: this.sellerId, ...options }),
      signal ? { signal } : {},
    );
  }
  /** `getCatalogItem`. */
  getCatalogItem<T = unknown>(asin: string, includedData?: readonly string[], signal?: AbortSignal): Promise<T> {
    return this.send(
      build.getCatalogItemRequest({
        asin,
        marketplaceId: this.marketplaceId,
        ...(includedData ? { includedData } : {}),
      }),
      signal ? { signal } : {},
    );
  }

  async #waitFor(name: string, plan: { burst: number; rate: number }, signal?: AbortSignal): Promise<void> {
    for (;;) {
      // The same shape as the pipeline's keys: prefix, scope (the budget owner), platform, bucket.
      const key = `${this.#budget.prefix}:${this.#budget.scope}:amazon:${this.#budget.bucket(name)}`;
      const taken = await takeFromBucket(
        this.#context.store,
        { key, capacity: plan.burst, refillPerSecond: plan.rate, cost: 1 },
        this.#context.clock,
      );
      if (taken.granted) return;
      this.#context.events.emit('throttled', {
        platform: 'amazon',
        tenantId: this.#context.tenantId,
        operation: name,
        waitMs: taken.retryAfterMs,
        source: 'limiter',
      });
      await this.#context.clock.sleep(taken.retryAfterMs, signal);
    }
  }
}
