import { toBatchResult, type BatchResult, type ItemOutcome } from '../../../core/batch.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import { ValidationError } from '../../../core/errors/validation-error.js';
import type { Offer, PriceUpdate } from '../../../model/offer.js';
import { toMercadoLibreAmount } from '../mapper/money.js';
import type { MercadoLibreItem } from '../types/index.js';
import { mapWithConcurrency } from './concurrency.js';
import { asItemError } from './outcomes.js';
import type { MercadoLibreRuntime } from './runtime.js';
import type { SkuEntry } from './sku-index.js';

interface Pending {
  index: number;
  update: PriceUpdate;
  entry: SkuEntry;
}

const offerOf = (entry: SkuEntry, update: PriceUpdate): Offer => ({
  sku: update.sku,
  externalId: entry.variationId !== undefined ? String(entry.variationId) : entry.itemId,
  price: update.price,
  condition: entry.item.condition === 'used' ? 'used' : 'new',
  options: {},
});

/**
 * Sets prices, exactly, in each item's `currency_id`. Variations of one item share its price,
 * so every variation is written with it (`PUT /items/{id}` with all variation ids, read fresh
 * first, because MercadoLibre deletes the variations a write leaves out); one write per item.
 * Per item: `NotFoundError` (unknown SKU), `ValidationError` (another currency, two different
 * prices for variations of one item, MercadoLibre's refusals such as an automated price).
 *
 * @example
 * ```ts
 * await updatePrices(runtime, [{ sku: 'MUG-1', price: money(1999_00, 'ARS') }]);
 * ```
 */
export async function updatePrices(
  runtime: MercadoLibreRuntime,
  updates: readonly PriceUpdate[],
  signal?: AbortSignal,
): Promise<BatchResult<PriceUpdate, Offer>> {
  const outcomes: ItemOutcome<PriceUpdate, Offer>[] = [];
  const fail = (index: number, update: PriceUpdate, error: unknown) =>
    outcomes.push({ index, input: update, ok: false, error: asItemError(error, 'updatePrices') });
  const found = await runtime.skus.resolve(
    updates.map((update) => update.sku),
    signal,
  );
  const groups = new Map<string, Pending[]>();
  updates.forEach((update, index) => {
    const entry = found.get(update.sku);
    if (!entry) {
      fail(
        index,
        update,
        new NotFoundError(`No MercadoLibre item has SKU ${update.sku}.`, {
          platform: 'mercadolibre',
          operation: 'updatePrices',
        }),
      );
      return;
    }
    const list = groups.get(entry.itemId) ?? [];
    list.push({ index, update, entry });
    groups.set(entry.itemId, list);
  });
  const withVariations = [...groups.entries()]
    .filter(([, list]) => list.some((pending) => pending.entry.variationId !== undefined))
    .map(([itemId]) => itemId);
  const fresh = new Map<string, MercadoLibreItem>(
    (withVariations.length ? await runtime.skus.read(withVariations, signal) : []).map((item) => [item.id, item]),
  );
  await mapWithConcurrency([...groups.entries()], runtime.config.concurrency, async ([itemId, list]) => {
    const item = fresh.get(itemId) ?? list[0]!.entry.item;
    const amounts = list.map((pending) => toMercadoLibreAmount(pending.update.price, item.currency_id));
    const refused = amounts.find((amount) => amount.isErr());
    const distinct = new Set(amounts.map((amount) => amount.unwrapOr(Number.NaN)));
    if (refused?.isErr() || distinct.size > 1) {
      const message = refused?.isErr()
        ? refused.error
        : `Variations of ${itemId} share one price; this batch gives them ${distinct.size} different prices.`;
      for (const pending of list)
        fail(
          pending.index,
          pending.update,
          new ValidationError(`price of ${pending.update.sku}`, [{ path: ['price'], message }], {
            platform: 'mercadolibre',
            operation: 'updatePrices',
          }),
        );
      return;
    }
    const price = amounts[0]!.unwrapOr(0);
    try {
      if (list[0]!.entry.variationId !== undefined) {
        if (!fresh.has(itemId))
          throw new NotFoundError(`MercadoLibre item ${itemId} no longer exists.`, {
            platform: 'mercadolibre',
            operation: 'updatePrices',
          });
        await runtime.client.updateItem(
          itemId,
          { variations: (item.variations ?? []).map((variation) => ({ id: variation.id, price })) },
          signal,
        );
      } else {
        await runtime.client.updateItem(itemId, { price }, signal);
      }
      for (const pending of list)
        outcomes.push({
          index: pending.index,
          input: pending.update,
          ok: true,
          value: offerOf(pending.entry, pending.update),
        });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      for (const pending of list) fail(pending.index, pending.update, error);
    }
  });
  return toBatchResult(outcomes);
}
