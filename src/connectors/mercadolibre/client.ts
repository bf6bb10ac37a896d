import type { AuthHook } from '../../core/auth-hook.js';
import type { ResolvedContext } from '../../core/context.js';
import type { HttpClient, HttpResponse } from '../../http/client.js';
import { createHttpClient } from '../../http/client.js';
import { mercadolibreClassifier, mercadolibreError } from './errors.js';
import { mercadolibreRateLimitPlan, type MercadoLibreLimit, type MercadoLibreResource } from './limits.js';
import * as build from './requests/index.js';
import type { MercadoLibreCancelReason } from './requests/orders.js';
import type { MercadoLibreRequest } from './requests/types.js';
import type {
  MercadoLibreItem,
  MercadoLibreItemSearch,
  MercadoLibreMissedFeeds,
  MercadoLibreMultigetEntry,
  MercadoLibreOrder,
  MercadoLibreOrderSearch,
  MercadoLibreShipment,
  MercadoLibreUser,
  MercadoLibreUserProductStock,
} from './types/index.js';

/**
 * Options of {@link MercadoLibreClient}.
 *
 * @example
 * ```ts
 * const options: MercadoLibreClientOptions = { baseUrl: MERCADOLIBRE_API_URL, context, auth, applicationId: '5503910054141466' };
 * ```
 *
 * @category Marketplace
 */
export interface MercadoLibreClientOptions {
  baseUrl: string;
  context: ResolvedContext;
  auth: AuthHook;
  /** The application (client id): rate limits are counted per application. */
  applicationId: string;
  /** Budget overrides per resource family. */
  limits?: Partial<Record<MercadoLibreResource, MercadoLibreLimit>>;
  /** Keep budgets in the context's store (default true). */
  sharedBudget?: boolean;
  /** Retries after throttling or transient failures (default 5). */
  retries?: number;
  /** Per-attempt timeout, ms (default 30 s; 0 for none). */
  timeoutMs?: number;
}

/**
 * One method per MercadoLibre endpoint marketbridge uses, returning MercadoLibre's own shapes,
 * on the library's request pipeline: `Authorization: Bearer` with single-flight refresh, a
 * token bucket per application and resource family, 429 handling, retries of safe calls,
 * circuit breaker, timeouts, and MercadoLibre's error envelope mapped to typed errors with
 * per-field causes. The canonical layer is {@link MercadoLibreMarketplace}.
 *
 * @example
 * ```ts
 * const client = new MercadoLibreClient({ baseUrl: MERCADOLIBRE_API_URL, context, auth, applicationId });
 * const item = await client.getItem('MLA1234567890');
 * ```
 *
 * @category Marketplace
 */
export class MercadoLibreClient {
  /** The request pipeline (limiter state: `client.http.limiter?.toJSON()`). */
  readonly http: HttpClient;

  /** @param options - endpoint, context, auth, application and limits */
  constructor(options: MercadoLibreClientOptions) {
    this.http = createHttpClient({
      platform: 'mercadolibre',
      baseUrl: options.baseUrl,
      context: options.context,
      auth: options.auth,
      limits: mercadolibreRateLimitPlan(options.applicationId, options.limits, options.sharedBudget ?? true),
      classify: mercadolibreClassifier(options.limits),
      retry: { limit: options.retries ?? 5, baseMs: 500, capMs: 30_000 },
      timeoutMs: options.timeoutMs ?? 30_000,
      headers: { accept: 'application/json' },
    });
  }

  /** Sends a built request; rejects with the most precise typed error. */
  async send<T>(request: MercadoLibreRequest, signal?: AbortSignal): Promise<HttpResponse<T>> {
    try {
      return await this.http.request<T>({ ...request, ...(signal ? { signal } : {}) });
    } catch (error) {
      throw mercadolibreError(error, request.operation);
    }
  }

  async #data<T>(request: MercadoLibreRequest, signal?: AbortSignal): Promise<T> {
    return (await this.send<T>(request, signal)).data;
  }

  /** One page of the seller's items: scan mode with `scroll_id`, or by `sellerSku` from `offset`. */
  searchItems(
    input: Parameters<typeof build.searchItemsRequest>[0],
    signal?: AbortSignal,
  ): Promise<MercadoLibreItemSearch> {
    return this.#data(build.searchItemsRequest(input), signal);
  }

  /** Up to 20 items in one call, each with its own status. */
  multigetItems(ids: readonly string[], signal?: AbortSignal): Promise<MercadoLibreMultigetEntry[]> {
    return this.#data(build.multigetItemsRequest(ids), signal);
  }

  /** One item. */
  getItem(itemId: string, signal?: AbortSignal): Promise<MercadoLibreItem> {
    return this.#data(build.getItemRequest(itemId), signal);
  }

  /** Lists a new item (not idempotent: see the operation ledger in the catalog operations). */
  createItem(body: Record<string, unknown>, signal?: AbortSignal): Promise<MercadoLibreItem> {
    return this.#data(build.createItemRequest(body), signal);
  }

  /** Absolute changes of an item (price, stock, status, variations). */
  updateItem(itemId: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<MercadoLibreItem> {
    return this.#data(build.updateItemRequest(itemId, body), signal);
  }

  /** A user product's stock per location and its version (`x-version`). */
  async getUserProductStock(
    userProductId: string,
    signal?: AbortSignal,
  ): Promise<{ stock: MercadoLibreUserProductStock; version: string | undefined }> {
    const response = await this.send<MercadoLibreUserProductStock>(
      build.getUserProductStockRequest(userProductId),
      signal,
    );
    return { stock: response.data, version: response.headers.get('x-version') ?? undefined };
  }

  /** Writes a user product's stock with the version read before (409 → `ConflictError`). */
  async updateUserProductStock(
    userProductId: string,
    type: 'seller_warehouse' | 'selling_address',
    body: { locations: { store_id: string; network_node_id?: string; quantity: number }[] } | { quantity: number },
    version: string,
    signal?: AbortSignal,
  ): Promise<{ stock: MercadoLibreUserProductStock; version: string | undefined }> {
    const response = await this.send<MercadoLibreUserProductStock>(
      build.updateUserProductStockRequest(userProductId, type, body, version),
      signal,
    );
    return { stock: response.data, version: response.headers.get('x-version') ?? undefined };
  }

  /** One page of the seller's orders. */
  searchOrders(
    input: { sellerId: string; updatedFrom?: string; statuses?: readonly string[]; offset?: number; limit?: number },
    signal?: AbortSignal,
  ): Promise<MercadoLibreOrderSearch> {
    return this.#data(build.searchOrdersRequest(input), signal);
  }

  /** One order. */
  getOrder(orderId: string, signal?: AbortSignal): Promise<MercadoLibreOrder> {
    return this.#data(build.getOrderRequest(orderId), signal);
  }

  /** Cancels a sale that does not ship through Mercado Envíos 2 (feedback `fulfilled: false`). */
  async cancelOrder(
    orderId: string,
    input: { reason: MercadoLibreCancelReason; message: string; restock: boolean },
    signal?: AbortSignal,
  ): Promise<void> {
    await this.send(build.orderCancellationRequest(orderId, input), signal);
  }

  /** One shipment (new format). */
  getShipment(shipmentId: string, signal?: AbortSignal): Promise<MercadoLibreShipment> {
    return this.#data(build.getShipmentRequest(shipmentId), signal);
  }

  /** Informs the tracking number of an ME1 shipment. */
  async setShipmentTracking(
    shipmentId: string,
    input: { trackingNumber: string; serviceId?: number },
    signal?: AbortSignal,
  ): Promise<void> {
    await this.send(build.shipmentTrackingRequest(shipmentId, input), signal);
  }

  /** Marks an ME1 shipment shipped. */
  async markShipmentShipped(
    shipmentId: string,
    input: { trackingNumber: string; trackingUrl?: string; date: string; serviceId?: number; comment?: string },
    signal?: AbortSignal,
  ): Promise<void> {
    await this.send(build.shipmentShippedRequest(shipmentId, input), signal);
  }

  /** One page of notifications MercadoLibre could not deliver. */
  missedFeeds(
    input: { applicationId: string; topic?: string; offset?: number; limit?: number },
    signal?: AbortSignal,
  ): Promise<MercadoLibreMissedFeeds> {
    return this.#data(build.missedFeedsRequest(input), signal);
  }

  /** The resource a notification points at. */
  getResource<T = unknown>(resource: string, signal?: AbortSignal): Promise<T> {
    return this.#data(build.resourceRequest(resource), signal);
  }

  /** A user (the seller's tags say which stock model applies). */
  getUser(userId: string, signal?: AbortSignal): Promise<MercadoLibreUser> {
    return this.#data(build.getUserRequest(userId), signal);
  }
}
