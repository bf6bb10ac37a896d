import type { BatchResult, ItemOutcome } from '../../../core/batch.js';
import { toBatchResult } from '../../../core/batch.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import { hash53 } from '../../../core/hash.js';
import type { ListProductsQuery } from '../../../core/queries.js';
import type { Product, ProductInput } from '../../../model/product.js';
import { canonicalJson } from '../../../stores/store.js';
import { itemBodyOf } from '../mapper/item-body.js';
import { itemToProduct, mercadolibreSkuOf } from '../mapper/items.js';
import type { MercadoLibreItem } from '../types/index.js';
import { mapWithConcurrency } from './concurrency.js';
import { outcomeOf } from './outcomes.js';
import type { MercadoLibreRuntime } from './runtime.js';

const STATUS_FILTER: Partial<Record<Product['status'], string>> = { active: 'active', archived: 'closed' };

/**
 * An item as a canonical product, or a typed error naming what MercadoLibre sent that
 * marketbridge cannot read (nothing is silently dropped).
 *
 * @example
 * ```ts
 * const product = productOf(item, 'getProduct');
 * ```
 */
export function productOf(item: unknown, operation: string): Product {
  const mapped = itemToProduct(item);
  if (mapped.isErr())
    throw new MarketplaceApiError(`MercadoLibre returned an item marketbridge cannot read: ${mapped.error.message}`, {
      platform: 'mercadolibre',
      operation,
      body: mapped.error.details,
      retryable: false,
    });
  return mapped.value;
}

/**
 * The seller's items as canonical products: the scan search (`scroll_id`, up to 100 ids a
 * page, past the 1,000 results offset paging stops at), then multiget, 20 items a call. A
 * page is read only when the consumer reaches it. `status` active/archived filters on
 * MercadoLibre's side; draft and `updatedSince` are applied to what comes back.
 *
 * @example
 * ```ts
 * for await (const product of listProducts(runtime, { pageSize: 100 })) console.log(product.id);
 * ```
 */
export async function* listProducts(
  runtime: MercadoLibreRuntime,
  query: ListProductsQuery = {},
  signal?: AbortSignal,
): AsyncGenerator<Product, void, undefined> {
  const since = query.updatedSince ? Date.parse(query.updatedSince) : undefined;
  const status = query.status ? STATUS_FILTER[query.status] : undefined;
  for await (const ids of runtime.skus.scanIds({
    ...(status ? { status } : {}),
    ...(query.pageSize ? { pageSize: query.pageSize } : {}),
    ...(signal ? { signal } : {}),
  })) {
    const items = await runtime.skus.read(ids, signal);
    const byId = new Map(items.map((item) => [item.id, item]));
    for (const id of ids) {
      const item = byId.get(id);
      if (!item) continue; // removed between the search and the multiget
      const product = productOf(item, 'listProducts');
      if (query.status && product.status !== query.status) continue;
      if (since !== undefined && product.updatedAt !== undefined && Date.parse(product.updatedAt) < since) continue;
      yield product;
    }
  }
}

/**
 * One item as a canonical product; `NotFoundError` when it does not exist.
 *
 * @example
 * ```ts
 * const product = await getProduct(runtime, 'MLA1234567890');
 * ```
 */
export async function getProduct(runtime: MercadoLibreRuntime, id: string, signal?: AbortSignal): Promise<Product> {
  const item = await runtime.client.getItem(id, signal);
  runtime.skus.remember([item]);
  return productOf(item, 'getProduct');
}

async function itemAfterWrite(
  runtime: MercadoLibreRuntime,
  answer: unknown,
  itemId: string,
  signal?: AbortSignal,
): Promise<MercadoLibreItem> {
  // Some item writes answer `{}`; the item is read back then.
  const item =
    answer && typeof answer === 'object' && 'id' in answer
      ? (answer as MercadoLibreItem)
      : await runtime.client.getItem(itemId, signal);
  runtime.skus.remember([item]);
  return item;
}

async function createItem(
  runtime: MercadoLibreRuntime,
  product: ProductInput,
  body: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<Product> {
  const sku = product.offers[0]!.sku;
  // POST /items is not idempotent: the intent is recorded first, and a lost answer is settled
  // by looking for an item with this SKU instead of listing it twice.
  const item = await runtime.ledger.execute<MercadoLibreItem>({
    key: `mercadolibre:createItem:${runtime.config.sellerId}:${hash53(canonicalJson(body)).toString(36)}`,
    operation: 'createItem',
    send: (s) => runtime.client.createItem(body, s),
    readBack: async (s) => {
      const ids = (await runtime.client.searchItems({ sellerId: runtime.config.sellerId, sellerSku: sku }, s)).results;
      const found = ids.length
        ? (await runtime.skus.read(ids, s)).find(
            (candidate) => candidate.status !== 'closed' && candidate.title === product.title,
          )
        : undefined;
      return found ? { status: 'applied', result: found } : { status: 'not_applied' };
    },
    ...(signal ? { signal } : {}),
  });
  runtime.skus.remember([item]);
  return productOf(item, 'upsertProducts');
}

async function updateItem(
  runtime: MercadoLibreRuntime,
  product: ProductInput & { id: string },
  signal?: AbortSignal,
): Promise<Product> {
  const current = await runtime.client.getItem(product.id, signal);
  const existingVariations = (current.variations ?? []).map((variation) => ({
    id: variation.id,
    sku: mercadolibreSkuOf(current, variation),
  }));
  const { body, issues } = itemBodyOf(product, {
    currency: current.currency_id,
    listingTypeId: runtime.config.listingTypeId,
    existingVariations,
  });
  if (issues.length > 0)
    throw new ValidationError(`product ${product.id}`, issues, {
      platform: 'mercadolibre',
      operation: 'upsertProducts',
    });
  const answer = await runtime.client.updateItem(product.id, body, signal);
  return productOf(await itemAfterWrite(runtime, answer, product.id, signal), 'upsertProducts');
}

/**
 * Creates products without `id` (`POST /items`, through the operation ledger) and replaces
 * those with one (`PUT /items/{id}`; variations are matched by SKU, new offers become new
 * variations, variations no offer names are removed). Every product is checked first
 * (category of new items, one price per item, prices in the site currency, SKUs unique): any
 * problem rejects the whole batch with a `ValidationError` before anything is sent. Per item:
 * MercadoLibre's refusals (`ValidationError` with its per-field causes), `NotFoundError`.
 *
 * @example
 * ```ts
 * await upsertProducts(runtime, [{ title: 'Mug', categoryId: 'MLA1902', offers: [{ sku: 'MUG-1', price: money(1500_00, 'ARS') }] }]);
 * ```
 */
export async function upsertProducts(
  runtime: MercadoLibreRuntime,
  products: readonly ProductInput[],
  signal?: AbortSignal,
): Promise<BatchResult<ProductInput, Product>> {
  const issues: ValidationIssue[] = [];
  const bodies = products.map((product, index) => {
    // New items are listed in the site currency; a replaced item keeps its own (checked per item).
    const currency =
      product.id === undefined ? runtime.currency : (product.offers[0]?.price.currency ?? runtime.currency);
    const checked = itemBodyOf(product, { currency, listingTypeId: runtime.config.listingTypeId });
    for (const issue of checked.issues) issues.push({ ...issue, path: [index, ...issue.path] });
    return checked.body;
  });
  if (issues.length > 0)
    throw new ValidationError('input of upsertProducts()', issues, {
      platform: 'mercadolibre',
      operation: 'upsertProducts',
    });
  const outcomes: ItemOutcome<ProductInput, Product>[] = await mapWithConcurrency(
    products,
    runtime.config.concurrency,
    (product, index) =>
      outcomeOf(
        index,
        product,
        'upsertProducts',
        () =>
          product.id === undefined
            ? createItem(runtime, product, bodies[index]!, signal)
            : updateItem(runtime, product as ProductInput & { id: string }, signal),
        signal,
      ),
  );
  return toBatchResult(outcomes);
}

/**
 * Deletes items: closes each (`status: closed`) and then deletes it (`deleted: true`), as
 * MercadoLibre requires; an item already deleted succeeds again. Per item: `NotFoundError`,
 * MercadoLibre's refusals.
 *
 * @example
 * ```ts
 * await deleteProducts(runtime, ['MLA1234567890']);
 * ```
 */
export async function deleteProducts(
  runtime: MercadoLibreRuntime,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<BatchResult<string, string>> {
  const outcomes = await mapWithConcurrency(ids, runtime.config.concurrency, (id, index) =>
    outcomeOf(
      index,
      id,
      'deleteProducts',
      async () => {
        if (typeof id !== 'string' || id === '')
          throw new NotFoundError(`No MercadoLibre item ${JSON.stringify(id)}.`, {
            platform: 'mercadolibre',
            operation: 'deleteProducts',
          });
        const item = await runtime.client.getItem(id, signal);
        if (item.sub_status?.includes('deleted')) return id;
        if (item.status !== 'closed') await runtime.client.updateItem(id, { status: 'closed' }, signal);
        await runtime.client.updateItem(id, { deleted: 'true' }, signal);
        runtime.skus.forget(id);
        return id;
      },
      signal,
    ),
  );
  return toBatchResult(outcomes);
}
