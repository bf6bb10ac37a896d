import type { ItemOutcome } from '../../../core/batch.js';
import type { MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import { ValidationError } from '../../../core/errors/validation-error.js';
import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import type { ListProductsQuery } from '../../../core/queries.js';
import { formatMoney } from '../../../model/money.js';
import type { Offer, PriceUpdate } from '../../../model/offer.js';
import type { Product, ProductInput } from '../../../model/product.js';
import {
  PRODUCT_DELETE_MUTATION,
  PRODUCT_QUERY,
  PRODUCT_SET_MUTATION,
  PRODUCTS_QUERY,
  VARIANTS_BULK_UPDATE_MUTATION,
  VARIANTS_BY_SKU_QUERY,
} from '../documents.js';
import { fromGid, toGid } from '../gid.js';
import { toProduct, toProductSetVariables } from '../mapper.js';
import { largestPageWithin } from '../query-cost.js';
import { SHOPIFY_SINGLE_QUERY_MAX_COST } from '../cost-planner.js';
import type { ShopifyRuntime } from '../runtime.js';
import { skuSearch } from '../sku-search.js';
import { userErrorIndex, userErrorToError } from '../user-errors.js';
import { chunk, mapConcurrent } from '../batching.js';
import type { ShopifyConnection, ShopifyProductNode, ShopifyUserError } from '../types.js';

const failed = <I>(index: number, input: I, error: unknown): ItemOutcome<I, never> => ({
  index,
  input,
  ok: false,
  error: isMarketbridgeError(error)
    ? error
    : new MarketplaceApiError(String(error), { platform: 'shopify', cause: error }),
});

async function complete(
  runtime: ShopifyRuntime,
  node: ShopifyProductNode,
  signal?: AbortSignal,
): Promise<ShopifyProductNode> {
  if (!node.variants.pageInfo?.hasNextPage) return node;
  const { data } = await runtime.client.request<{ product: ShopifyProductNode | null }>(
    PRODUCT_QUERY,
    { id: node.id },
    { operation: 'listProducts', ...(signal ? { signal } : {}) },
  );
  return data.product ?? node;
}

function mapped(node: ShopifyProductNode, currency: string, operation: string): Product {
  const result = toProduct(node, currency);
  if (result.isErr())
    throw new MarketplaceApiError(result.error.message, {
      platform: 'shopify',
      operation,
      body: { reason: result.error.reason },
    });
  return result.value;
}

/**
 * Products page by page (`products` connection, cursor paging); products with more variants
 * than a listing page holds are read again whole. Products that do not fit the canonical
 * model (a variant without SKU) are skipped with a warning.
 *
 * @example
 * ```ts
 * for await (const product of listProducts(runtime, { status: 'active' })) console.log(product.title);
 * ```
 */
export async function* listProducts(
  runtime: ShopifyRuntime,
  query: ListProductsQuery = {},
  signal?: AbortSignal,
): AsyncGenerator<Product> {
  const currency = await runtime.currency(signal);
  const filters = [
    query.status ? `status:${query.status}` : '',
    query.updatedSince ? `updated_at:>='${query.updatedSince}'` : '',
  ].filter(Boolean);
  const variables = { query: filters.join(' AND ') || null };
  const max = largestPageWithin(PRODUCTS_QUERY, variables, 'first', SHOPIFY_SINGLE_QUERY_MAX_COST);
  const first = Math.max(1, Math.min(query.pageSize ?? max, max));
  const pages = runtime.client.paginate<{ products: ShopifyConnection<ShopifyProductNode> }, ShopifyProductNode>(
    PRODUCTS_QUERY,
    { ...variables, first },
    (data) => data.products,
    { operation: 'listProducts', ...(signal ? { signal } : {}) },
  );
  for await (const node of pages) {
    const full = await complete(runtime, node, signal);
    const result = toProduct(full, currency);
    if (result.isOk()) yield result.value;
    else
      runtime.context.logger.warn(`Skipped Shopify product ${full.id}: ${result.error.message}`, {
        reason: result.error.reason,
      });
  }
}

/**
 * One product by id (numeric or GID).
 *
 * @example
 * ```ts
 * const product = await getProduct(runtime, '7');
 * ```
 */
export async function getProduct(runtime: ShopifyRuntime, id: string, signal?: AbortSignal): Promise<Product> {
  const currency = await runtime.currency(signal);
  const { data } = await runtime.client.request<{ product: ShopifyProductNode | null }>(
    PRODUCT_QUERY,
    { id: toGid('Product', id) },
    { operation: 'getProduct', ...(signal ? { signal } : {}) },
  );
  if (!data.product)
    throw new NotFoundError(`No Shopify product with id ${id}.`, { platform: 'shopify', operation: 'getProduct' });
  return mapped(data.product, currency, 'getProduct');
}

/**
 * Creates or replaces products with `productSet` (synchronous), one call per product.
 * Replacing (with `id`) is safe to repeat; creating is not retried after an unknown outcome.
 *
 * @example
 * ```ts
 * const result = await upsertProducts(runtime, [{ title: 'Mug', offers: [{ sku: 'MUG-1', price }] }]);
 * ```
 */
export async function upsertProducts(
  runtime: ShopifyRuntime,
  products: readonly ProductInput[],
  signal?: AbortSignal,
): Promise<ItemOutcome<ProductInput, Product>[]> {
  const currency = await runtime.currency(signal);
  return mapConcurrent(
    products,
    runtime.config.concurrency,
    async (product, index): Promise<ItemOutcome<ProductInput, Product>> => {
      try {
        const wrong = product.offers
          .flatMap((offer) => [offer.price, offer.compareAtPrice, offer.cost])
          .find((money) => money && money.currency !== currency);
        if (wrong)
          throw new ValidationError(
            'product input',
            [
              {
                path: ['offers'],
                message: `Prices must be in the shop's currency ${currency}, not ${wrong.currency}.`,
              },
            ],
            { platform: 'shopify', operation: 'upsertProducts' },
          );
        const variables = toProductSetVariables(product);
        const { data } = await runtime.client.request<{
          productSet: { product: ShopifyProductNode | null; userErrors: ShopifyUserError[] };
        }>(PRODUCT_SET_MUTATION, variables, {
          operation: 'upsertProducts',
          idempotent: variables.identifier !== null,
          ...(signal ? { signal } : {}),
        });
        const [userError] = data.productSet.userErrors;
        if (userError || !data.productSet.product)
          throw userErrorToError(userError ?? { field: null, message: 'No product returned.' }, 'upsertProducts');
        return { index, input: product, ok: true, value: mapped(data.productSet.product, currency, 'upsertProducts') };
      } catch (error) {
        return failed(index, product, error);
      }
    },
  );
}

/**
 * Deletes products (and their variants) by id.
 *
 * @example
 * ```ts
 * await deleteProducts(runtime, ['7', '8']);
 * ```
 */
export async function deleteProducts(
  runtime: ShopifyRuntime,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<ItemOutcome<string, string>[]> {
  return mapConcurrent(ids, runtime.config.concurrency, async (id, index): Promise<ItemOutcome<string, string>> => {
    try {
      const { data } = await runtime.client.request<{
        productDelete: { deletedProductId: string | null; userErrors: ShopifyUserError[] };
      }>(
        PRODUCT_DELETE_MUTATION,
        { input: { id: toGid('Product', id) } },
        { operation: 'deleteProducts', idempotent: true, ...(signal ? { signal } : {}) },
      );
      const [userError] = data.productDelete.userErrors;
      if (userError) throw userErrorToError(userError, 'deleteProducts');
      return { index, input: id, ok: true, value: fromGid(data.productDelete.deletedProductId ?? id) };
    } catch (error) {
      return failed(index, id, error);
    }
  });
}

interface VariantRef {
  id: string;
  sku: string;
  product: { id: string };
}

/**
 * Sets prices by SKU: the SKUs are looked up, then each product's variants are updated with
 * one `productVariantsBulkUpdate`. User errors are reported per item.
 *
 * @example
 * ```ts
 * await updatePrices(runtime, [{ sku: 'MUG-1', price: { amountMinor: 999, currency: 'EUR' } }]);
 * ```
 */
export async function updatePrices(
  runtime: ShopifyRuntime,
  updates: readonly PriceUpdate[],
  signal?: AbortSignal,
): Promise<ItemOutcome<PriceUpdate, Offer>[]> {
  const currency = await runtime.currency(signal);
  const outcomes: ItemOutcome<PriceUpdate, Offer>[] = [];
  const refs = new Map<string, VariantRef>();
  const max = largestPageWithin(VARIANTS_BY_SKU_QUERY, { query: '' }, 'first', SHOPIFY_SINGLE_QUERY_MAX_COST);
  for (const skus of chunk([...new Set(updates.map((update) => update.sku))], max)) {
    const pages = runtime.client.paginate<{ productVariants: ShopifyConnection<VariantRef> }, VariantRef>(
      VARIANTS_BY_SKU_QUERY,
      { first: skus.length, query: skuSearch(skus) },
      (data) => data.productVariants,
      { operation: 'updatePrices', ...(signal ? { signal } : {}) },
    );
    for await (const ref of pages) if (!refs.has(ref.sku)) refs.set(ref.sku, ref);
  }
  const byProduct = new Map<string, { index: number; update: PriceUpdate; ref: VariantRef }[]>();
  updates.forEach((update, index) => {
    const ref = refs.get(update.sku);
    const wrong = [update.price, update.compareAtPrice].find((money) => money && money.currency !== currency);
    if (!ref)
      outcomes.push(
        failed(
          index,
          update,
          new NotFoundError(`No Shopify variant with SKU ${update.sku}.`, {
            platform: 'shopify',
            operation: 'updatePrices',
          }),
        ),
      );
    else if (wrong)
      outcomes.push(
        failed(
          index,
          update,
          new ValidationError(
            'price update',
            [{ path: ['price'], message: `Use the shop's currency ${currency}, not ${wrong.currency}.` }],
            { platform: 'shopify', operation: 'updatePrices' },
          ),
        ),
      );
    else byProduct.set(ref.product.id, [...(byProduct.get(ref.product.id) ?? []), { index, update, ref }]);
  });
  await mapConcurrent([...byProduct], runtime.config.concurrency, async ([productId, items]) => {
    const variants = items.map(({ update, ref }) => ({
      id: ref.id,
      price: formatMoney(update.price),
      ...(update.compareAtPrice !== undefined
        ? { compareAtPrice: update.compareAtPrice === null ? null : formatMoney(update.compareAtPrice) }
        : {}),
    }));
    try {
      const { data } = await runtime.client.request<{ productVariantsBulkUpdate: { userErrors: ShopifyUserError[] } }>(
        VARIANTS_BULK_UPDATE_MUTATION,
        { productId, variants },
        {
          operation: 'updatePrices',
          idempotent: true,
          ...(signal ? { signal } : {}),
        },
      );
      const errors = new Map<number, MarketbridgeError>();
      for (const userError of data.productVariantsBulkUpdate.userErrors) {
        const at = userErrorIndex(userError, 'variants');
        for (const [position] of items.entries())
          if (at === undefined || at === position) errors.set(position, userErrorToError(userError, 'updatePrices'));
      }
      items.forEach(({ index, update, ref }, position) => {
        const error = errors.get(position);
        if (error) outcomes.push(failed(index, update, error));
        else {
          const offer: Offer = {
            sku: update.sku,
            externalId: fromGid(ref.id),
            price: update.price,
            condition: 'new',
            options: {},
          };
          if (update.compareAtPrice) offer.compareAtPrice = update.compareAtPrice;
          outcomes.push({ index, input: update, ok: true, value: offer });
        }
      });
    } catch (error) {
      for (const { index, update } of items) outcomes.push(failed(index, update, error));
    }
  });
  return outcomes;
}
