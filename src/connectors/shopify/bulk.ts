import { ConflictError } from '../../core/errors/conflict-error.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { AsyncJob, type AsyncJobDefinition, type AsyncJobOptions } from '../../http/jobs/async-job.js';
import type { InventoryLevel } from '../../model/inventory.js';
import type { Product } from '../../model/product.js';
import {
  BULK_INVENTORY_EXPORT,
  BULK_OPERATION_QUERY,
  BULK_PRODUCTS_EXPORT,
  BULK_RUN_QUERY_MUTATION,
} from './documents.js';
import { toInventoryLevel, toProduct } from './mapper.js';
import { BulkRowJoin, type BulkRow, type JoinedBulkRow } from './bulk-join.js';
import type { ShopifyRuntime } from './runtime.js';
import type { ShopifyInventoryLevelNode, ShopifyProductNode, ShopifyUserError, ShopifyVariantNode } from './types.js';

/**
 * What a bulk export covers: the whole catalog (products with variants) or stock of every
 * variant at every location.
 *
 * @category Operations
 */
export type ShopifyBulkExportKind = 'catalog' | 'inventory';

/**
 * Options of a bulk export.
 *
 * @example
 * ```ts
 * const options: ShopifyBulkExportOptions = { pollMs: 2000, maxPollMs: 30_000, signal };
 * ```
 *
 * @category Operations
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
  /**
   * Ask Shopify to group children right after their parent (default false). Grouping is slower
   * on Shopify's side and more likely to time out; the exports join ungrouped rows themselves,
   * holding only unresolved products in memory. Turn it on to keep that memory at one product.
   */
  groupObjects?: boolean;
}

/**
 * The async-job definition of a Shopify bulk query: `bulkOperationRunQuery` to start, the
 * operation polled by id, the JSONL result downloaded from the URL Shopify gives. Shopify runs one
 * bulk query per shop and app at a time before API version 2026-01 and five from 2026-01 (so the
 * catalog and inventory exports run side by side there); beyond that the start is a retryable
 * `ConflictError`.
 *
 * @example
 * ```ts
 * const job = await AsyncJob.load(shopifyBulkJob(runtime, 'catalog'), { clock, store, storeKey });
 * for await (const row of job.rows()) console.log(row);
 * ```
 *
 * @category Operations
 */
export function shopifyBulkJob(
  runtime: ShopifyRuntime,
  kind: ShopifyBulkExportKind,
  options: Pick<ShopifyBulkExportOptions, 'groupObjects'> = {},
): AsyncJobDefinition {
  const operation = kind === 'catalog' ? 'exportCatalog' : 'exportInventory';
  return {
    kind: `shopify-bulk-${kind}`,
    async create(signal) {
      const { data } = await runtime.client.request<{
        bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: ShopifyUserError[] };
      }>(
        BULK_RUN_QUERY_MUTATION,
        {
          query: kind === 'catalog' ? BULK_PRODUCTS_EXPORT : BULK_INVENTORY_EXPORT,
          groupObjects: options.groupObjects ?? false,
        },
        { operation, ...(signal ? { signal } : {}) },
      );
      const [userError] = data.bulkOperationRunQuery.userErrors;
      if (userError?.code === 'OPERATION_IN_PROGRESS' || userError?.code === 'LIMIT_REACHED') {
        const concurrency = runtime.features().bulkQueryConcurrency;
        const limit = concurrency === 1 ? 'one bulk query' : `${concurrency} bulk queries`;
        throw new ConflictError(
          `${userError.message} Shopify runs ${limit} per shop and app at a time on API version ${runtime.client.apiVersion}; try again when one has finished.`,
          { platform: 'shopify', operation, retryable: true },
        );
      }
      if (userError || !data.bulkOperationRunQuery.bulkOperation) {
        throw new MarketplaceApiError(
          `Shopify refused the bulk query: ${userError?.message ?? 'no operation returned'}.`,
          { platform: 'shopify', operation, body: userError },
        );
      }
      return { jobId: data.bulkOperationRunQuery.bulkOperation.id };
    },
    async poll(state, signal) {
      const { data } = await runtime.client.request<{
        node: { status: string; errorCode: string | null; url: string | null; objectCount: string } | null;
      }>(BULK_OPERATION_QUERY, { id: state.jobId }, { operation, ...(signal ? { signal } : {}) });
      const node = data.node;
      if (!node) return { status: 'failed', reason: `Bulk operation ${state.jobId} no longer exists.` };
      if (node.status === 'COMPLETED')
        return node.url
          ? { status: 'done', document: { url: node.url, format: 'jsonl' }, data: { objectCount: node.objectCount } }
          : { status: 'done', data: { objectCount: '0' } };
      if (['FAILED', 'CANCELED', 'CANCELING', 'EXPIRED'].includes(node.status))
        return {
          status: 'failed',
          reason: `Bulk operation ${node.status.toLowerCase()}${node.errorCode ? ` (${node.errorCode})` : ''}.`,
        };
      return { status: 'pending', data: { status: node.status } };
    },
    async download(document, signal) {
      // The result URL is a signed storage link: no Shopify credentials go with it.
      const response = await runtime.context.fetch(document.url, signal ? { signal } : {});
      if (!response.ok)
        throw new MarketplaceApiError(`Downloading the bulk result failed with HTTP ${response.status}.`, {
          platform: 'shopify',
          operation,
          status: response.status,
        });
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
 *
 * @category Operations
 */
export function loadBulkJob(
  runtime: ShopifyRuntime,
  kind: ShopifyBulkExportKind,
  options: ShopifyBulkExportOptions = {},
): Promise<AsyncJob> {
  const jobOptions: AsyncJobOptions = {
    clock: runtime.context.clock,
    store: runtime.context.store,
    storeKey: bulkStateKey(runtime, kind),
    pollMs: options.pollMs ?? 1000,
    maxPollMs: options.maxPollMs ?? 30_000,
    deadlineMs: options.deadlineMs ?? 6 * 3_600_000,
  };
  return AsyncJob.load(shopifyBulkJob(runtime, kind, options), jobOptions);
}

/**
 * Where the state of a shop's bulk export of a kind is kept; deleted once a run has been
 * read to the end, so that the next export starts a fresh operation.
 *
 * @example
 * ```ts
 * await store.get(bulkStateKey(runtime, 'catalog'));
 * ```
 *
 * @category Operations
 */
export function bulkStateKey(runtime: ShopifyRuntime, kind: ShopifyBulkExportKind): string {
  return `mb:shopify:bulk:${runtime.context.tenantId}:${runtime.config.shop}:${kind}`;
}

type CatalogRow = BulkRow & { variantsCount?: { count?: number; precision?: string } | null; position?: number };

function announcedVariants(row: CatalogRow): number | undefined {
  const count = row.variantsCount;
  return count && count.precision === 'EXACT' && typeof count.count === 'number' ? count.count : undefined;
}

function productOf(joined: JoinedBulkRow<CatalogRow>): ShopifyProductNode {
  const { variantsCount: _count, ...product } = joined.parent;
  // Ungrouped rows lose the variants' order; their position restores it.
  const variants = [...joined.children]
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
    .map(({ __parentId: _parent, position: _position, ...variant }) => variant as unknown as ShopifyVariantNode);
  return {
    ...(product as unknown as ShopifyProductNode),
    variants: { nodes: variants, pageInfo: { hasNextPage: false, endCursor: null } },
  };
}

/**
 * Streams the whole catalog through a bulk export, reassembled into canonical products. Rows
 * may come in any order (API version 2026-01 and later do not group them by default): a product
 * is yielded once its row and its `variantsCount` variants have arrived, so memory holds only the
 * products still waiting for rows (joined by the connector as rows arrive); with `groupObjects: true` that is one.
 * At the end, a product that got fewer variants than it announced is yielded with those it got,
 * and variants whose product never came are skipped; both are logged.
 *
 * @example
 * ```ts
 * for await (const product of exportCatalog(runtime)) await db.upsert(product);
 * ```
 *
 * @category Operations
 */
export async function* exportCatalog(
  runtime: ShopifyRuntime,
  options: ShopifyBulkExportOptions = {},
): AsyncGenerator<Product> {
  const currency = await runtime.currency(options.signal);
  const job = await loadBulkJob(runtime, 'catalog', options);
  const { logger } = runtime.context;
  const mapped = function* (joined: JoinedBulkRow<CatalogRow>): Generator<Product> {
    const product = toProduct(productOf(joined), currency);
    if (product.isOk()) yield product.value;
    else logger.warn(`Skipped Shopify product ${String(joined.parent.id)}: ${product.error.message}`);
  };
  const join = new BulkRowJoin<CatalogRow>(announcedVariants);
  for await (const row of job.rows<CatalogRow>('jsonl', options.signal)) {
    const joined = join.add(row);
    if (joined) yield* mapped(joined);
  }
  const { incomplete, orphans } = join.finish();
  for (const joined of incomplete) {
    if (!joined.complete)
      logger.warn(
        `Shopify product ${String(joined.parent.id)} announced ${announcedVariants(joined.parent)} variants, the export held ${joined.children.length} (changed during the export); exported with those.`,
      );
    yield* mapped(joined);
  }
  for (const [parentId, rows] of orphans)
    logger.warn(
      `Skipped ${rows.length} variant row(s) of Shopify product ${parentId}: the product row was not in the export (changed during the export).`,
    );
  await runtime.context.store.delete(bulkStateKey(runtime, 'catalog'));
}

type LevelRow = BulkRow & { item?: { sku?: string | null } | null };

/**
 * Streams stock of every inventory item at every location through a bulk export. Each level row
 * names its item's SKU and location, so rows are mapped as they arrive, in any order, in
 * constant memory; items without a SKU are skipped.
 *
 * @example
 * ```ts
 * for await (const level of exportInventory(runtime)) console.log(level.sku, level.available);
 * ```
 *
 * @category Operations
 */
export async function* exportInventory(
  runtime: ShopifyRuntime,
  options: ShopifyBulkExportOptions = {},
): AsyncGenerator<InventoryLevel> {
  const job = await loadBulkJob(runtime, 'inventory', options);
  for await (const row of job.rows<LevelRow>('jsonl', options.signal)) {
    // Location rows are the levels' parents; a level row carries its location itself.
    if (row.__parentId === undefined) continue;
    const sku = row.item?.sku;
    if (typeof sku !== 'string' || !sku) continue;
    const mapped = toInventoryLevel(sku, row as unknown as ShopifyInventoryLevelNode);
    if (mapped.isOk()) yield mapped.value;
    else runtime.context.logger.warn(`Skipped a Shopify inventory level of ${sku}: ${mapped.error.message}`);
  }
  await runtime.context.store.delete(bulkStateKey(runtime, 'inventory'));
}
