import type { ItemOutcome } from '../../../core/batch.js';
import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import type { Product, ProductInput } from '../../../model/product.js';
import { toBolUnitPrice } from '../mapper/money.js';
import { productToCreateOffer, productToUpdateOffer, skuOf, type BolOfferDefaults } from '../mapper/offer.js';
import { refreshOfferIndex } from '../operations/offer-export.js';
import { readBackByEntity } from '../process-status/read-back.js';
import { createOfferRequest, deleteOfferRequest, updateOfferRequest, updatePriceRequest } from '../requests/offers.js';
import type { BolRuntime } from '../runtime.js';
import type { BolConditionName } from '../types.js';
import type { BolWriteOptions } from './by-sku.js';
import { writeKey } from './by-sku.js';
import { executeWrites, type BolWrite } from './execute.js';

type ParsedProduct = ProductInput & { offers: Product['offers']; attributes: Record<string, string> };

function defaultsOf(runtime: BolRuntime): BolOfferDefaults {
  const { identifier, fulfilmentMethod, deliveryCode, stockManagedByRetailer } = runtime.config;
  return { identifier, fulfilmentMethod, deliveryCode, stockManagedByRetailer };
}

function refused(operation: string, index: number, issues: ValidationIssue[]) {
  return new ValidationError(
    `${operation} item ${index} for bol.com`,
    issues.map((issue) => ({ ...issue, path: [index, ...issue.path] })),
    { platform: 'bol', operation },
  );
}

/**
 * Creates offers for products without an `id` (`POST /offers`) and updates the others
 * (`PUT /offers/{id}` and `PUT /offers/{id}/price`). A product is one bol.com offer: exactly one
 * canonical offer whose barcode is the EAN; bol.com's own fields come from `attributes` (see
 * `BOL_ATTRIBUTES`). Products that break bol.com's rules are refused per item before anything is
 * sent. A create whose answer was lost is read back from a fresh offers export (its EAN in the
 * offer index), never sent twice blindly when it runs under a key.
 *
 * @example
 * ```ts
 * const outcomes = await upsertOffers(runtime, products, {});
 * ```
 */
export async function upsertOffers(
  runtime: BolRuntime,
  products: readonly ParsedProduct[],
  options: BolWriteOptions,
): Promise<ItemOutcome<ProductInput, Product>[]> {
  const outcomes: ItemOutcome<ProductInput, Product>[] = [];
  const writes: BolWrite[] = [];
  const defaults = defaultsOf(runtime);
  products.forEach((product, index) => {
    if (product.id === undefined) {
      const built = productToCreateOffer(product, defaults);
      if (!built.ok) {
        outcomes.push({ index, input: product, ok: false, error: refused('upsertProducts', index, built.issues) });
        return;
      }
      const key = writeKey('create', index, options);
      const { ean, condition } = built.body;
      writes.push({
        index: index * 2,
        request: createOfferRequest(built.body),
        ...(key ? { key } : {}),
        async readBack(_since, fingerprint, signal) {
          await refreshOfferIndex(runtime, signal);
          const sku = skuOf({ offerId: '', ean, reference: built.body.reference }, defaults.identifier) ?? ean;
          const refs = (await runtime.offers.lookup([sku])).get(sku) ?? [];
          const ref = refs.find((known) => known.ean === ean && (known.condition ?? 'NEW') === condition.name);
          return ref
            ? {
                status: 'applied',
                result: { fingerprint, settled: { id: '', state: 'SUCCESS', entityId: ref.offerId } },
              }
            : { status: 'not_applied' };
        },
      });
      return;
    }
    const built = productToUpdateOffer(product, defaults);
    const price = toBolUnitPrice(product.offers[0]!.price);
    if (!built.ok || price.isErr()) {
      const issues = [
        ...(built.ok ? [] : built.issues),
        ...(price.isErr() ? [{ path: ['offers', 0, 'price'], message: price.error.message }] : []),
      ];
      outcomes.push({ index, input: product, ok: false, error: refused('upsertProducts', index, issues) });
      return;
    }
    const offerId = product.id;
    const offerKey = writeKey('update', index, options);
    const priceKey = writeKey('update-price', index, options);
    writes.push({
      index: index * 2,
      request: updateOfferRequest(offerId, built.body),
      ...(offerKey ? { key: offerKey } : {}),
      readBack: (since, fingerprint, signal) =>
        readBackByEntity(runtime.client, offerId, 'UPDATE_OFFER', since, fingerprint, signal),
    });
    writes.push({
      index: index * 2 + 1,
      request: updatePriceRequest(offerId, { bundlePrices: [{ quantity: 1, unitPrice: price.value }] }),
      ...(priceKey ? { key: priceKey } : {}),
      readBack: (since, fingerprint, signal) =>
        readBackByEntity(runtime.client, offerId, 'UPDATE_OFFER_PRICE', since, fingerprint, signal),
    });
  });
  const results = new Map(
    (await executeWrites(runtime, writes, options.signal ? { signal: options.signal } : {})).map((outcome) => [
      outcome.index,
      outcome,
    ]),
  );
  const now = new Date(runtime.context.clock.now()).toISOString();
  for (const [index, product] of products.entries()) {
    const first = results.get(index * 2);
    if (!first) continue;
    const second = results.get(index * 2 + 1);
    const failed = [first, second].find((outcome) => outcome && !outcome.ok);
    if (failed && !failed.ok) {
      outcomes.push({ index, input: product, ok: false, error: failed.error });
      continue;
    }
    const offerId = product.id ?? (first.ok ? first.settled.entityId : undefined);
    if (product.id === undefined && offerId && first.ok) {
      const body = (writes.find((write) => write.index === index * 2)!.request.json ?? {}) as {
        ean: string;
        reference?: string;
        condition: { name: BolConditionName };
        fulfilment: { method: 'FBR' | 'FBB' };
      };
      const sku = skuOf({ offerId, ean: body.ean, reference: body.reference }, defaults.identifier);
      if (sku)
        await runtime.offers.put(sku, {
          offerId,
          ean: body.ean,
          condition: body.condition.name,
          fulfilment: body.fulfilment.method,
          ...(body.reference ? { reference: body.reference } : {}),
        });
    }
    const id = offerId ?? product.offers[0]!.barcode ?? product.offers[0]!.sku;
    outcomes.push({
      index,
      input: product,
      ok: true,
      value: {
        ...product,
        id,
        status: product.status ?? 'active',
        images: product.images ?? [],
        updatedAt: now,
        offers: product.offers.map((offer) => ({ ...offer, externalId: id })),
      } as Product,
    });
  }
  return outcomes;
}

/**
 * Deletes offers by offer id (`DELETE /offers/{offer-id}`), each confirmed by its process
 * status, and forgets them in the offer index.
 *
 * @example
 * ```ts
 * const outcomes = await deleteOffers(runtime, ['6ff736b5-cdd0-4150-8c67-78269ee986f5'], {});
 * ```
 */
export async function deleteOffers(
  runtime: BolRuntime,
  ids: readonly string[],
  options: BolWriteOptions,
): Promise<ItemOutcome<string, string>[]> {
  const writes: BolWrite[] = ids.map((offerId, index) => {
    const key = writeKey('delete', index, options);
    return {
      index,
      request: deleteOfferRequest(offerId),
      ...(key ? { key } : {}),
      readBack: (since, fingerprint, signal) =>
        readBackByEntity(runtime.client, offerId, 'DELETE_OFFER', since, fingerprint, signal),
    };
  });
  const outcomes: ItemOutcome<string, string>[] = [];
  for (const outcome of await executeWrites(runtime, writes, options.signal ? { signal: options.signal } : {})) {
    const offerId = ids[outcome.index]!;
    if (outcome.ok) {
      await runtime.offers.remove(offerId);
      outcomes.push({ index: outcome.index, input: offerId, ok: true, value: offerId });
    } else outcomes.push({ index: outcome.index, input: offerId, ok: false, error: outcome.error });
  }
  return outcomes;
}
