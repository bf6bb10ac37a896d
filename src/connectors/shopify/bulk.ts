import { ConflictError } from '../../core/errors/conflict-error.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { AsyncJob, type AsyncJobDefinition, type AsyncJobOptions } from '../../http/jobs/async-job.js';
import type { InventoryLevel } from '../../model/inventory.js';
import type { Product } from '../../model/product.js';
import { BULK_INVENTORY_EXPORT, BULK_OPERATION_QUERY, BULK_PRODUCTS_EXPORT, BULK_RUN_QUERY_MUTATION } from './documents.js';
import { toInventoryLevel, toProduct } from './mapper.js';
import type { ShopifyRuntime } from './runtime.js';
import type { ShopifyInventoryLevelNode, ShopifyProductNode, ShopifyUserError, ShopifyVariantNode } from './types.js';

/**
 * What a bulk export covers: the whole catalog (products with variants) or stock of every
 * variant at every location.
 *
 * @example
 * ```ts
 * const kind: ShopifyBulkExportKind = 'inventory';
 * ```
 */
export type ShopifyBulkExportKind = 'catalog' | 'inventory';

/**
 * Options of a bulk export.
 *
 * @example
 * ```ts
 * const options: ShopifyBulkExportOptions = { pollMs: 2000, maxPollMs: 30_000, signal };
 * ```
 */
export interface ShopifyBulkExportOptions {
  /** First poll delay (default 1,000 ms, doubling up to `maxPollMs`). */
  pollMs?: number;
  /** Longest poll delay (default 30,000 ms). */
  maxPollMs?: number;
  /** Give up after this long (default 6 h). */
  deadlineMs?: number;
  /** Cancels waiting and downloading (the operation keeps running on Shopify). */
  signal?: AbortSignal;
}

/**
 * The async-job definition of a Shopify bulk query: `bulkOperationRunQuery` to start (one
 * bulk query per shop at a time: a running one is a retryable ConflictError), the operation
 * polled by id, the JSONL result downloaded from the URL Shopify gives.
 *
 * @example
 * ```ts
 * const job = await AsyncJob.load(shopifyBulkJob(runtime, 'catalog'), { clock, store, storeKey });
 * for await (const row of job.rows()) console.log(row);
 * ```
 */
export function shopifyBulkJob(runtime: ShopifyRuntime, kind: ShopifyBulkExportKind): AsyncJobDefinition {
  const operation = kind === 'catalog' ? 'exportCatalog' : 'exportInventory';
  return {
    kind: `shopify-bulk-${kind}`,
    async create(signal) {
      const { data } = await runtime.client.request<{ bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: ShopifyUserError[] } }>(
        BULK_RUN_QUERY_MUTATION,
        { query: kind === 'catalog' ? BULK_PRODUCTS_EXPORT : BULK_INVENTORY_EXPORT },
        { operation, ...(signal ? { signal } : {}) },
      );
      const [userError] = data.bulkOperationRunQuery.userErrors;
      if (userError?.code === 'OPERATION_IN_PROGRESS') {
        throw new ConflictError(`${userError.message} Shopify runs one bulk query per shop at a time; try again when it has finished.`, { platform: 'shopify', operation, retryable: true });
      }
      if (userError || !data.bulkOperationRunQuery.bulkOperation) {
        throw new MarketplaceApiError(`Shopify refused the bulk query: ${userError?.message ?? 'no operation returned'}.`, { platform: 'shopify', operation, body: userError });
      }
      return { jobId: data.bulkOperationRunQuery.bulkOperation.id };
    },
    async poll(state, signal) {
      const { data } = await runtime.client.request<{ node: { status: string; errorCode: string | null; url: string | null; objectCount: string } | null }>(
        BULK_OPERATION_QUERY,
        { id: state.jobId },
        { operation, ...(signal ? { signal } : {}) },
      );
      const node = data.node;
      if (!node) return { status: 'failed', reason: `Bulk operation ${state.jobId} no longer exists.` };
      if (node.status === 'COMPLETED') return node.url ? { status: 'done', document: { url: node.url, format: 'jsonl' }, data: { objectCount: node.objectCount } } : { status: 'done', data: { objectCount: '0' } };
      if (['FAILED', 'CANCELED', 'CANCELING', 'EXPIRED'].includes(node.status)) return { status: 'failed', reason: `Bulk operation ${node.status.toLowerCase()}${node.errorCode ? ` (${node.errorCode})` : ''}.` };
      return { status: 'pending', data: { status: node.status } };
    },
    async download(document, signal) {
      // The result URL is a signed storage link: no Shopify credentials go with it.
      const response = await runtime.context.fetch(document.url, signal ? { signal } : {});
      if (!response.ok) throw new MarketplaceApiError(`Downloading the bulk result failed with HTTP ${response.status}.`, { platform: 'shopify', operation, status: response.status });
      return response;
    },
  };
}

/**
 * Loads (or starts) the bulk job of a kind, its state kept in the store so that another
 * process can resume polling and downloading.
 *
 * @example
 * ```ts
 * const job = await loadBulkJob(runtime, 'inventory', { pollMs: 2000 });
 * ```
 */
export function loadBulkJob(runtime: ShopifyRuntime, kind: ShopifyBulkExportKind, options: ShopifyBulkExportOptions = {}): Promise<AsyncJob> {
  const jobOptions: AsyncJobOptions = {
    clock: runtime.context.clock,
    store: runtime.context.store,
    storeKey: bulkStateKey(runtime, kind),
    pollMs: options.pollMs ?? 1000,
    maxPollMs: options.maxPollMs ?? 30_000,
    deadlineMs: options.deadlineMs ?? 6 * 3_600_000,
  };
  return AsyncJob.load(shopifyBulkJob(runtime, kind), jobOptions);
}

/**
 * Where the state of a shop's bulk export of a kind is kept; deleted once a run has been
 * read to the end, so that the next export starts a fresh operation.
 *
 * @example
 * ```ts
 * await store.get(bulkStateKey(runtime, 'catalog'));
 * ```
 */
export function bulkStateKey(runtime: ShopifyRuntime, kind: ShopifyBulkExportKind): string {
  return `mb:shopify:bulk:${runtime.context.tenantId}:${runtime.config.shop}:${kind}`;
}

type Row = Record<string, unknown> & { id?: string; __parentId?: string };

/**
 * Streams the whole catalog through a bulk export: product lines followed by their variant
 * lines (`__parentId`), reassembled into canonical products one at a time.
 *
 * @example
 * ```ts
 * for await (const product of exportCatalog(runtime)) await db.upsert(product);
 * ```
 */
export async function* exportCatalog(runtime: ShopifyRuntime, options: ShopifyBulkExportOptions = {}): AsyncGenerator<Product> {
  const currency = await runtime.currency(options.signal);
  const job = await loadBulkJob(runtime, 'catalog', options);
  let current: ShopifyProductNode | undefined;
  const flush = function* (): Generator<Product> {
    if (!current) return;
    const mapped = toProduct(current, currency);
    if (mapped.isOk()) yield mapped.value;
    else runtime.context.logger.warn(`Skipped Shopify product ${current.id}: ${mapped.error.message}`);
  };
  for await (const row of job.rows<Row>('jsonl', options.signal)) {
    if (row.__parentId === undefined) {
      yield* flush();
      current = { ...(row as unknown as ShopifyProductNode), variants: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } };
    } else if (current && row.__parentId === current.id) {
      current.variants.nodes.push(row as unknown as ShopifyVariantNode);
    }
  }
  yield* flush();
  await runtime.context.store.delete(bulkStateKey(runtime, 'catalog'));
}

/**
 * Streams stock of every variant at every location through a bulk export.
 *
 * @example
 * ```ts
 * for await (const level of exportInventory(runtime)) console.log(level.sku, level.available);
 * ```
 */
export async function* exportInventory(runtime: ShopifyRuntime, options: ShopifyBulkExportOptions = {}): AsyncGenerator<InventoryLevel> {
  const job = await loadBulkJob(runtime, 'inventory', options);
  const skus = new Map<string, string>();
  for await (const row of job.rows<Row>('jsonl', options.signal)) {
    if (row.__parentId === undefined) {
      if (typeof row.sku === 'string' && row.sku && row.id) skus.set(row.id, row.sku);
      continue;
    }
    const sku = skus.get(row.__parentId);
    if (!sku) continue;
    const mapped = toInventoryLevel(sku, row as unknown as ShopifyInventoryLevelNode);
    if (mapped.isOk()) yield mapped.value;
  }
  await runtime.context.store.delete(bulkStateKey(runtime, 'inventory'));
}
