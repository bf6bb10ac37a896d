import { SimGraphqlError, type SimResolver } from './resolver.js';
import { parseSearch } from './search-terms.js';
import { page } from './paging.js';
import { gid, gidNumber, levelKey, nextId, type ShopifySimState, type SimProduct, type SimVariant } from './state.js';

/**
 * A variant as the Admin API returns it.
 *
 * @example
 * ```ts
 * variantNode(state.variantsBySku.get('SKU-1')!);
 * ```
 */
export function variantNode(variant: SimVariant): Record<string, unknown> {
  return {
    id: gid('ProductVariant', variant.id),
    sku: variant.sku,
    title: variant.options.map((option) => option.value).join(' / ') || 'Default Title',
    price: variant.price,
    compareAtPrice: variant.compareAtPrice,
    barcode: variant.barcode,
    selectedOptions: variant.options,
    product: { id: gid('Product', variant.productId) },
    inventoryItem: { id: gid('InventoryItem', variant.inventoryItemId) },
  };
}

/**
 * A product as the Admin API returns it.
 *
 * @example
 * ```ts
 * productNode(state, state.products.get(1001)!);
 * ```
 */
export function productNode(state: ShopifySimState, product: SimProduct): Record<string, unknown> {
  return {
    id: gid('Product', product.id),
    title: product.title,
    descriptionHtml: product.descriptionHtml,
    vendor: product.vendor,
    status: product.status,
    updatedAt: product.updatedAt,
    productType: product.productType,
    variants: {
      nodes: product.variantIds.map((id) => variantNode(state.variants.get(id)!)),
      pageInfo: { hasNextPage: false, endCursor: null },
    },
  };
}

/**
 * Adds a variant (and its inventory item, stocked at every location with `available`).
 *
 * @example
 * ```ts
 * addVariant(state, product, { sku: 'A-1', price: '9.99' }, 10, now);
 * ```
 */
export function addVariant(
  state: ShopifySimState,
  product: SimProduct,
  input: {
    sku: string;
    price: string;
    compareAtPrice?: string | null;
    barcode?: string | null;
    options?: { name: string; value: string }[];
  },
  available: number,
  now: string,
): SimVariant {
  const variant: SimVariant = {
    id: nextId(state),
    productId: product.id,
    sku: input.sku,
    title: '',
    price: input.price,
    compareAtPrice: input.compareAtPrice ?? null,
    barcode: input.barcode ?? null,
    options: input.options ?? [{ name: 'Title', value: 'Default Title' }],
    inventoryItemId: nextId(state),
  };
  state.variants.set(variant.id, variant);
  if (variant.sku) state.variantsBySku.set(variant.sku, variant);
  product.variantIds.push(variant.id);
  for (const location of state.locations.values())
    state.levels.set(levelKey(variant.inventoryItemId, location.id), { available, committed: 0, updatedAt: now });
  return variant;
}

function removeVariant(state: ShopifySimState, variant: SimVariant): void {
  state.variants.delete(variant.id);
  if (state.variantsBySku.get(variant.sku) === variant) state.variantsBySku.delete(variant.sku);
  for (const location of state.locations.values()) state.levels.delete(levelKey(variant.inventoryItemId, location.id));
}

function variantsMatching(state: ShopifySimState, query: unknown): SimVariant[] {
  const skus = parseSearch(query)
    .filter((term) => term.field === 'sku')
    .map((term) => term.value);
  if (skus.length === 0) return [...state.variants.values()];
  return skus
    .map((sku) => state.variantsBySku.get(sku))
    .filter((variant): variant is SimVariant => variant !== undefined);
}

/**
 * The variants a `productVariants(query:)` search selects, for the inventory resolvers.
 *
 * @example
 * ```ts
 * const variants = searchVariants(state, "sku:'A' OR sku:'B'");
 * ```
 */
export const searchVariants = variantsMatching;

type VariantSetInput = {
  id?: string;
  sku?: string;
  price?: string;
  compareAtPrice?: string | null;
  barcode?: string;
  optionValues?: { optionName?: string; name?: string }[];
};

/**
 * Resolvers of the catalog: products, variants by SKU, `productSet`, `productDelete`,
 * `productVariantsBulkUpdate`.
 *
 * @example
 * ```ts
 * catalogResolvers.MbProducts!(ctx);
 * ```
 */
export const catalogResolvers: Record<string, SimResolver> = {
  MbProducts: ({ state, variables }) => {
    const terms = parseSearch(variables.query);
    const status = terms.find((term) => term.field === 'status')?.value.toUpperCase();
    const since = terms.find((term) => term.field === 'updated_at')?.value;
    const products = [...state.products.values()].filter(
      (product) => (!status || product.status === status) && (!since || product.updatedAt >= since),
    );
    const { connection, returned } = page(products, variables.first, variables.after, (product) =>
      productNode(state, product),
    );
    return { data: { products: connection }, returned };
  },
  MbProduct: ({ state, variables }) => {
    const product = state.products.get(gidNumber(variables.id));
    return { data: { product: product ? productNode(state, product) : null } };
  },
  MbVariantsBySku: ({ state, variables }) => {
    const { connection, returned } = page(
      variantsMatching(state, variables.query),
      variables.first,
      variables.after,
      variantNode,
    );
    return { data: { productVariants: connection }, returned };
  },
  MbOffersBySku: ({ state, variables }) => {
    const { connection, returned } = page(
      variantsMatching(state, variables.query),
      variables.first,
      variables.after,
      variantNode,
    );
    return { data: { shop: { currencyCode: state.currency }, productVariants: connection }, returned };
  },
  MbProductSet: ({ state, variables, now }) => {
    const input = (variables.input ?? {}) as {
      title?: string;
      descriptionHtml?: string;
      vendor?: string;
      status?: SimProduct['status'];
      productType?: string;
      variants?: VariantSetInput[];
    };
    const identifier = variables.identifier as { id?: string } | null | undefined;
    const userErrors: unknown[] = [];
    const variants = input.variants ?? [];
    variants.forEach((variant, index) => {
      const owner = variant.sku ? state.variantsBySku.get(variant.sku) : undefined;
      if (owner && owner.productId !== gidNumber(identifier?.id)) {
        userErrors.push({
          field: ['input', 'variants', String(index), 'sku'],
          message: `SKU ${variant.sku} is already used by another product.`,
          code: 'INVALID_VARIANT',
        });
      }
    });
    let product = identifier?.id ? state.products.get(gidNumber(identifier.id)) : undefined;
    if (identifier?.id && !product)
      userErrors.push({
        field: ['identifier', 'id'],
        message: 'Product does not exist',
        code: 'PRODUCT_DOES_NOT_EXIST',
      });
    if (!input.title && !product)
      userErrors.push({ field: ['input', 'title'], message: "Title can't be blank", code: 'BLANK' });
    if (userErrors.length > 0) return { data: { productSet: { product: null, userErrors } } };
    if (!product) {
      product = {
        id: nextId(state),
        title: '',
        descriptionHtml: '',
        vendor: '',
        status: 'ACTIVE',
        productType: '',
        updatedAt: now,
        variantIds: [],
      };
      state.products.set(product.id, product);
    }
    Object.assign(product, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.descriptionHtml !== undefined ? { descriptionHtml: input.descriptionHtml } : {}),
      ...(input.vendor !== undefined ? { vendor: input.vendor } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.productType !== undefined ? { productType: input.productType } : {}),
      updatedAt: now,
    });
    const keep = new Set<number>();
    for (const variant of variants) {
      const options = (variant.optionValues ?? []).map((value) => ({
        name: value.optionName ?? 'Title',
        value: value.name ?? '',
      }));
      const existing = variant.sku
        ? state.variantsBySku.get(variant.sku)
        : variant.id
          ? state.variants.get(gidNumber(variant.id))
          : undefined;
      if (existing && existing.productId === product.id) {
        Object.assign(existing, {
          price: variant.price ?? existing.price,
          compareAtPrice: variant.compareAtPrice ?? null,
          barcode: variant.barcode ?? existing.barcode,
          options,
        });
        keep.add(existing.id);
      } else {
        keep.add(
          addVariant(
            state,
            product,
            {
              sku: variant.sku ?? '',
              price: variant.price ?? '0.00',
              compareAtPrice: variant.compareAtPrice ?? null,
              barcode: variant.barcode ?? null,
              options,
            },
            0,
            now,
          ).id,
        );
      }
    }
    // productSet replaces the variant list: variants not given are deleted.
    for (const id of product.variantIds.filter((id) => !keep.has(id))) removeVariant(state, state.variants.get(id)!);
    product.variantIds = product.variantIds.filter((id) => keep.has(id));
    return { data: { productSet: { product: productNode(state, product), userErrors: [] } } };
  },
  MbProductDelete: ({ state, variables }) => {
    const id = (variables.input as { id?: string } | undefined)?.id;
    const product = state.products.get(gidNumber(id));
    if (!product)
      return {
        data: {
          productDelete: { deletedProductId: null, userErrors: [{ field: ['id'], message: 'Product does not exist' }] },
        },
      };
    for (const variantId of product.variantIds) removeVariant(state, state.variants.get(variantId)!);
    state.products.delete(product.id);
    return { data: { productDelete: { deletedProductId: id, userErrors: [] } } };
  },
  MbVariantsBulkUpdate: ({ state, variables, now }) => {
    const product = state.products.get(gidNumber(variables.productId));
    if (!product) throw new SimGraphqlError(`Invalid id: ${String(variables.productId)}`, 'BAD_REQUEST');
    const updated: unknown[] = [];
    const userErrors: unknown[] = [];
    ((variables.variants ?? []) as { id?: string; price?: string; compareAtPrice?: string | null }[]).forEach(
      (input, index) => {
        const variant = state.variants.get(gidNumber(input.id));
        if (!variant || variant.productId !== product.id) {
          userErrors.push({
            field: ['variants', String(index), 'id'],
            message: 'Product variant does not exist',
            code: 'PRODUCT_VARIANT_DOES_NOT_EXIST',
          });
          return;
        }
        if (input.price !== undefined && !/^\d+(\.\d+)?$/.test(input.price)) {
          userErrors.push({
            field: ['variants', String(index), 'price'],
            message: 'Price must be a non-negative decimal',
            code: 'INVALID',
          });
          return;
        }
        if (input.price !== undefined) variant.price = input.price;
        if (input.compareAtPrice !== undefined) variant.compareAtPrice = input.compareAtPrice;
        updated.push({
          id: gid('ProductVariant', variant.id),
          sku: variant.sku,
          price: variant.price,
          compareAtPrice: variant.compareAtPrice,
        });
      },
    );
    if (updated.length > 0) product.updatedAt = now;
    return { data: { productVariantsBulkUpdate: { productVariants: updated, userErrors } } };
  },
};
