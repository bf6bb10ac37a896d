import type { Money } from '../../../model/money.js';
import type {
  EbayInventoryItem,
  EbayInventoryLocation,
  EbayOfferInput,
  EbayOrder,
  EbayShippingFulfillment,
} from '../types.js';

/**
 * An inventory item as the simulator keeps it.
 *
 * @category Simulator
 */
export interface EbaySimItem {
  sku: string;
  item: EbayInventoryItem;
  locale: string;
}

/**
 * An offer as the simulator keeps it: the body last written, its price as exact money, and
 * its listing once published.
 *
 * @category Simulator
 */
export interface EbaySimOffer {
  offerId: string;
  sku: string;
  marketplaceId: string;
  format: string;
  status: 'PUBLISHED' | 'UNPUBLISHED';
  body: EbayOfferInput;
  price?: Money;
  listingId?: string;
  listingStatus?: 'ACTIVE' | 'ENDED';
}

/**
 * The offers by id, with a lookup by SKU (what most of eBay's calls need).
 *
 * @example
 * ```ts
 * const live = state.offers.ofSku('MUG-1').find((offer) => offer.status === 'PUBLISHED');
 * ```
 *
 * @category Simulator
 */
export class EbaySimOffers extends Map<string, EbaySimOffer> {
  readonly #bySku = new Map<string, Set<string>>();

  /** Stores an offer under its id and its SKU. */
  override set(offerId: string, offer: EbaySimOffer): this {
    const previous = super.get(offerId);
    if (previous && previous.sku !== offer.sku) this.#bySku.get(previous.sku)?.delete(offerId);
    super.set(offerId, offer);
    let ids = this.#bySku.get(offer.sku);
    if (!ids) this.#bySku.set(offer.sku, (ids = new Set()));
    ids.add(offerId);
    return this;
  }

  /** Removes an offer; resolves whether it existed. */
  override delete(offerId: string): boolean {
    const offer = super.get(offerId);
    if (offer) this.#bySku.get(offer.sku)?.delete(offerId);
    return super.delete(offerId);
  }

  /** Removes every offer. */
  override clear(): void {
    this.#bySku.clear();
    super.clear();
  }

  /** The offers of one SKU. */
  ofSku(sku: string): EbaySimOffer[] {
    return [...(this.#bySku.get(sku) ?? [])].map((id) => super.get(id)!).filter(Boolean);
  }

  /** The live (published) offer of a SKU, if any. */
  liveOf(sku: string): EbaySimOffer | undefined {
    return this.ofSku(sku).find((offer) => offer.status === 'PUBLISHED' && offer.listingId !== undefined);
  }
}

/**
 * An order with its shipping fulfillments and cancellation.
 *
 * @category Simulator
 */
export interface EbaySimOrder {
  order: EbayOrder;
  fulfillments: EbayShippingFulfillment[];
  cancelId?: string;
}

/**
 * A token the simulator issued.
 *
 * @category Simulator
 */
export interface EbaySimToken {
  kind: 'user' | 'application';
  expiresAt: number;
  scopes: string[];
}

/**
 * Everything the simulated eBay account holds.
 *
 * @category Simulator
 */
export interface EbaySimState {
  items: Map<string, EbaySimItem>;
  offers: EbaySimOffers;
  locations: Map<string, EbayInventoryLocation>;
  orders: Map<string, EbaySimOrder>;
  destinations: Map<
    string,
    {
      destinationId: string;
      name: string;
      status: string;
      deliveryConfig: { endpoint: string; verificationToken: string };
    }
  >;
  subscriptions: Map<
    string,
    {
      subscriptionId: string;
      topicId: string;
      destinationId: string;
      status: string;
      creationDate: string;
      payload: Record<string, unknown>;
      owner: 'application' | 'user';
    }
  >;
  publicKeys: Map<string, { key: string; algorithm: string; digest: string }>;
  accessTokens: Map<string, EbaySimToken>;
  refreshTokens: Map<string, { expiresAt: number; scopes: string[] }>;
  codes: Map<string, { scopes: string[] }>;
  /** Revisions per listing and UTC day (`YYYY-MM-DD:listingId`). */
  revisions: Map<string, number>;
  sequence: number;
}

/**
 * An empty account.
 *
 * @example
 * ```ts
 * const state = emptyEbayState();
 * ```
 */
export function emptyEbayState(): EbaySimState {
  return {
    items: new Map(),
    offers: new EbaySimOffers(),
    locations: new Map(),
    orders: new Map(),
    destinations: new Map(),
    subscriptions: new Map(),
    publicKeys: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    codes: new Map(),
    revisions: new Map(),
    sequence: 0,
  };
}
