import { ConflictError } from '../../../core/errors/conflict-error.js';
import type { MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import type { BolOfferRef } from '../offers-export/offer-index.js';
import type { BolRuntime } from '../runtime.js';
import { refreshOfferIndex } from './offer-export.js';

/**
 * The offer each SKU names, or the typed error for the SKU: `NotFoundError` when bol.com has
 * no such offer, `ConflictError` when the SKU (an EAN) has offers in several conditions. With
 * `identifier: 'offerId'` the SKU is the offer id. A SKU missing from an index older than
 * `offerIndexTtlMs` triggers one offers export first.
 *
 * @example
 * ```ts
 * const refs = await resolveOffers(runtime, ['0000007740404'], 'setInventory');
 * ```
 */
export async function resolveOffers(
  runtime: BolRuntime,
  skus: readonly string[],
  operation: string,
  signal?: AbortSignal,
): Promise<Map<string, BolOfferRef | MarketbridgeError>> {
  const out = new Map<string, BolOfferRef | MarketbridgeError>();
  const { identifier, offerIndexTtlMs } = runtime.config;
  if (identifier === 'offerId') {
    for (const sku of skus) out.set(sku, { offerId: sku, ean: '' });
    return out;
  }
  let found = await runtime.offers.lookup(skus);
  if (found.size < new Set(skus).size) {
    const builtAt = await runtime.offers.builtAt();
    if (builtAt === undefined || runtime.context.clock.now() - builtAt > offerIndexTtlMs) {
      await refreshOfferIndex(runtime, signal);
      found = await runtime.offers.lookup(skus);
    }
  }
  for (const sku of skus) {
    const refs = found.get(sku);
    if (!refs) {
      out.set(
        sku,
        new NotFoundError(
          `bol.com has no offer with ${identifier} ${sku} (offer index of ${new Date((await runtime.offers.builtAt()) ?? 0).toISOString()}); create it, or call refreshOfferIndex() if it was created elsewhere.`,
          { platform: 'bol', operation },
        ),
      );
    } else if (refs.length > 1) {
      out.set(
        sku,
        new ConflictError(
          `${identifier} ${sku} has ${refs.length} bol.com offers (${refs.map((ref) => ref.condition ?? '?').join(', ')}); address them with identifier 'reference' or 'offerId'.`,
          { platform: 'bol', operation },
        ),
      );
    } else out.set(sku, refs[0]!);
  }
  return out;
}
