import type { Clock } from '../../../core/clock.js';
import { formatMoney } from '../../../model/money.js';
import type { EbayOffer } from '../types.js';
import type { EbaySimGate } from './gate.js';
import type { EbaySimOffer, EbaySimState } from './state.js';

/**
 * What every handler file of the simulator shares.
 */
export interface EbaySimRuntime {
  /** The REST host, e.g. `https://api.ebay.com`. */
  readonly base: string;
  readonly clock: Clock;
  readonly state: EbaySimState;
  readonly gate: EbaySimGate;
  readonly marketplaceId: string;
  readonly currency: string;
  readonly revisionsPerListingPerDay: number;
  /** Sends a request to a notification endpoint (the endpoint challenge, deliveries). */
  readonly deliver?: typeof globalThis.fetch | undefined;
  /** A new numeric id. */
  nextId(): string;
  /**
   * Counts one revision of a live listing for today (UTC); false (and nothing counted) when the
   * listing reached its daily limit.
   */
  revise(listingId: string): boolean;
  /** An offer in eBay's answer shape. */
  offerJson(offer: EbaySimOffer): EbayOffer;
}

/**
 * Builds the runtime.
 *
 * @example
 * ```ts
 * const rt = createEbaySimRuntime({ base, clock, state, gate, marketplaceId: 'EBAY_US', currency: 'USD', revisionsPerListingPerDay: 250 });
 * ```
 */
export function createEbaySimRuntime(options: Omit<EbaySimRuntime, 'nextId' | 'revise' | 'offerJson'>): EbaySimRuntime {
  const { state, clock } = options;
  return {
    ...options,
    nextId: () => String(5_000_000_000 + ++state.sequence),
    revise(listingId) {
      const key = `${new Date(clock.now()).toISOString().slice(0, 10)}:${listingId}`;
      const count = state.revisions.get(key) ?? 0;
      if (count >= options.revisionsPerListingPerDay) {
        options.gate.countRefusedRevision();
        return false;
      }
      state.revisions.set(key, count + 1);
      return true;
    },
    offerJson(offer) {
      const pricingSummary = {
        ...offer.body.pricingSummary,
        ...(offer.price ? { price: { value: formatMoney(offer.price), currency: offer.price.currency } } : {}),
      };
      return {
        ...offer.body,
        offerId: offer.offerId,
        sku: offer.sku,
        marketplaceId: offer.marketplaceId,
        format: offer.format,
        status: offer.status,
        pricingSummary,
        ...(offer.listingId
          ? { listing: { listingId: offer.listingId, listingStatus: offer.listingStatus ?? 'ACTIVE' } }
          : {}),
      };
    },
  };
}
