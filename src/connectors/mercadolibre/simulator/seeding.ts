import type { Clock } from '../../../core/clock.js';
import { MERCADOLIBRE_SITES, type MercadoLibreSiteId } from '../sites.js';
import type { MercadoLibreItem, MercadoLibreOrder, MercadoLibreStockLocation } from '../types/index.js';
import { settleItem } from './context.js';
import type { MercadoLibreSimState, SimSeller } from './state.js';

/**
 * An item to seed: plain values, MercadoLibre's shape is filled in.
 *
 * @category Simulator
 */
export interface SimItemInput {
  id?: string;
  title: string;
  /** In the site's currency, as MercadoLibre writes it (`1499.9`). */
  price: number;
  quantity?: number;
  sku?: string;
  /** Put the SKU in `seller_custom_field` instead of the `SELLER_SKU` attribute. */
  skuInCustomField?: boolean;
  categoryId?: string;
  status?: 'active' | 'paused' | 'closed';
  listingTypeId?: string;
  condition?: 'new' | 'used';
  soldQuantity?: number;
  currency?: string;
  sellerId?: number;
  variations?: { sku?: string; quantity: number; options: Record<string, string> }[];
}

/**
 * An order to place on a seeded item.
 *
 * @category Simulator
 */
export interface SimOrderInput {
  itemId: string;
  variationId?: number;
  quantity?: number;
  /** `me1`: the seller ships; `me2`: Mercado Envíos ships; `none`: custom shipping, no shipment. */
  shipping?: 'me1' | 'me2' | 'none';
  status?: 'paid' | 'payment_in_process' | 'cancelled';
  buyer?: { id?: number; nickname?: string; first_name?: string; last_name?: string };
  /** The order's notification is missed (goes to `/missed_feeds`) instead of delivered. */
  missed?: boolean;
}

/**
 * Seeding of the simulated account: sellers, items, warehouses (user products), orders with
 * their shipments, and other resources notifications point at.
 *
 * @example
 * ```ts
 * const item = simulator.catalog.addItem({ title: 'Mug', price: 1500, quantity: 3, sku: 'MUG-1' });
 * const order = simulator.catalog.placeOrder({ itemId: item.id, quantity: 1, shipping: 'me1' });
 * ```
 *
 * @category Simulator
 */
export class SimCatalog {
  readonly #state: MercadoLibreSimState;
  readonly #clock: Clock;
  readonly #site: MercadoLibreSiteId;
  readonly #notify: (topic: string, resource: string, userId: number, missed: boolean) => void;
  #defaultSeller = 0;

  /**
   * @param state - the simulator's state
   * @param clock - timestamps
   * @param site - the default site
   * @param notify - records a notification
   */
  constructor(
    state: MercadoLibreSimState,
    clock: Clock,
    site: MercadoLibreSiteId,
    notify: (topic: string, resource: string, userId: number, missed: boolean) => void,
  ) {
    this.#state = state;
    this.#clock = clock;
    this.#site = site;
    this.#notify = notify;
  }

  #next(): number {
    return ++this.#state.sequence;
  }

  /** Adds a seller (the first one added is the default). */
  addSeller(seller: Partial<SimSeller> & { id: number }): SimSeller {
    const stored: SimSeller = { nickname: `SELLER${seller.id}`, siteId: this.#site, tags: ['normal'], ...seller };
    this.#state.sellers.set(stored.id, stored);
    if (this.#defaultSeller === 0) this.#defaultSeller = stored.id;
    return stored;
  }

  /** Turns a seller multi-warehouse (tag `warehouse_management`). */
  enableWarehouses(sellerId = this.#defaultSeller): void {
    const seller = this.#state.sellers.get(sellerId);
    if (seller && !seller.tags.includes('warehouse_management')) seller.tags.push('warehouse_management');
  }

  /** Adds (or replaces) an item, each variation with its own user product. */
  addItem(input: SimItemInput): MercadoLibreItem {
    const sequence = this.#next();
    const site = this.#state.sellers.get(input.sellerId ?? this.#defaultSeller)?.siteId ?? this.#site;
    const id = input.id ?? `${site}${1_000_000_000 + sequence}`;
    const now = new Date(this.#clock.now()).toISOString();
    const skuAttribute = (sku: string | undefined) =>
      sku && !input.skuInCustomField ? [{ id: 'SELLER_SKU', name: 'SKU', value_id: null, value_name: sku }] : [];
    const item: MercadoLibreItem = {
      id,
      site_id: site,
      title: input.title,
      seller_id: input.sellerId ?? this.#defaultSeller,
      category_id: input.categoryId ?? `${site}1902`,
      price: input.price,
      currency_id: input.currency ?? MERCADOLIBRE_SITES[site as MercadoLibreSiteId]?.currency ?? 'ARS',
      available_quantity: input.quantity ?? 0,
      sold_quantity: input.soldQuantity ?? 0,
      buying_mode: 'buy_it_now',
      listing_type_id: input.listingTypeId ?? 'gold_special',
      condition: input.condition ?? 'new',
      status: input.status ?? 'active',
      sub_status: [],
      permalink: `https://articulo.mercadolibre.com/${site}-${id.slice(3)}-sim`,
      pictures: [
        {
          id: `${sequence}-0`,
          url: `http://http2.mlstatic.com/D_${sequence}-O.jpg`,
          secure_url: `https://http2.mlstatic.com/D_${sequence}-O.jpg`,
        },
      ],
      attributes: [
        { id: 'BRAND', name: 'Marca', value_id: null, value_name: 'Acme' },
        ...skuAttribute(input.variations ? undefined : input.sku),
      ],
      seller_custom_field: input.skuInCustomField && !input.variations ? (input.sku ?? null) : null,
      user_product_id: input.variations ? null : `${site}U${1_000_000 + sequence}`,
      date_created: now,
      last_updated: now,
      tags: [],
    };
    if (input.variations) {
      item.variations = input.variations.map((variation) => {
        const variationSequence = this.#next();
        return {
          id: 100_000_000_000 + variationSequence,
          price: input.price,
          available_quantity: variation.quantity,
          sold_quantity: 0,
          attribute_combinations: Object.entries(variation.options).map(([name, value]) => ({
            id: name.toUpperCase(),
            name,
            value_id: null,
            value_name: value,
          })),
          attributes: skuAttribute(variation.sku),
          seller_custom_field: input.skuInCustomField ? (variation.sku ?? null) : null,
          user_product_id: `${site}U${1_000_000 + variationSequence}`,
        };
      });
    }
    settleItem(item, this.#clock);
    this.#state.items.set(id, item);
    return item;
  }

  /**
   * Gives the user product of an item (or of one variation) stock locations: warehouses
   * (`seller_warehouse` with store ids), `selling_address`, `meli_facility` (Full).
   */
  setStockLocations(itemId: string, locations: MercadoLibreStockLocation[], variationId?: number): string {
    const item = this.#state.items.get(itemId);
    const variation =
      variationId === undefined ? undefined : item?.variations?.find((candidate) => candidate.id === variationId);
    const id = (variation ?? item)?.user_product_id;
    if (!item || !id) throw new Error(`No user product for ${itemId}${variationId ? `/${variationId}` : ''}`);
    this.#state.userProducts.set(id, {
      id,
      userId: item.seller_id,
      version: 1,
      locations: locations.map((location) => ({ ...location })),
    });
    const total = locations.reduce((sum, location) => sum + location.quantity, 0);
    if (variation) variation.available_quantity = total;
    else item.available_quantity = total;
    settleItem(item, this.#clock);
    return id;
  }

  /** Places an order on an item: stock goes down, a shipment is created, `orders_v2` is notified. */
  placeOrder(input: SimOrderInput): MercadoLibreOrder {
    const item = this.#state.items.get(input.itemId);
    if (!item) throw new Error(`No item ${input.itemId}`);
    const variation =
      input.variationId === undefined
        ? undefined
        : item.variations?.find((candidate) => candidate.id === input.variationId);
    const quantity = input.quantity ?? 1;
    const id = 2_000_000_000_000 + this.#next();
    const now = new Date(this.#clock.now()).toISOString();
    const sku =
      (variation?.attributes ?? item.attributes)?.find((attribute) => attribute.id === 'SELLER_SKU')?.value_name ??
      null;
    let shippingId: number | null = null;
    if ((input.shipping ?? 'me2') !== 'none') {
      shippingId = 40_000_000_000 + this.#next();
      this.#state.shipments.set(shippingId, {
        id: shippingId,
        status: 'ready_to_ship',
        substatus: input.shipping === 'me1' ? null : 'printed',
        tracking_number: null,
        tracking_method: null,
        logistic: {
          mode: input.shipping ?? 'me2',
          type: input.shipping === 'me1' ? 'default' : 'drop_off',
          direction: 'forward',
        },
        order_id: id,
        date_created: now,
        last_updated: now,
      });
    }
    const order: MercadoLibreOrder = {
      id,
      status: input.status ?? 'paid',
      status_detail: null,
      date_created: now,
      date_closed: now,
      last_updated: now,
      order_items: [
        {
          item: {
            id: item.id,
            title: item.title,
            variation_id: variation?.id ?? null,
            seller_sku: sku,
            seller_custom_field: variation?.seller_custom_field ?? item.seller_custom_field ?? null,
          },
          quantity,
          unit_price: item.price,
          full_unit_price: item.price,
          currency_id: item.currency_id,
        },
      ],
      total_amount: Number((item.price * quantity).toFixed(2)),
      paid_amount: Number((item.price * quantity).toFixed(2)),
      currency_id: item.currency_id,
      buyer: { id: 74425755, nickname: 'TESTBUYER', first_name: 'Test', last_name: 'Buyer', ...input.buyer },
      seller: { id: item.seller_id },
      shipping: { id: shippingId },
      shipping_cost: null,
      taxes: { amount: null },
      tags: input.status === 'paid' || input.status === undefined ? ['paid'] : [],
      pack_id: null,
    };
    if (order.status !== 'cancelled') {
      if (variation) variation.available_quantity = Math.max(0, variation.available_quantity - quantity);
      else item.available_quantity = Math.max(0, item.available_quantity - quantity);
      if (variation) variation.sold_quantity = (variation.sold_quantity ?? 0) + quantity;
      item.sold_quantity = (item.sold_quantity ?? 0) + quantity;
      settleItem(item, this.#clock);
    }
    this.#state.orders.set(id, order);
    this.#notify('orders_v2', `/orders/${id}`, item.seller_id, input.missed ?? false);
    return order;
  }

  /** Any other resource a notification may point at (`/questions/5036111111` → its body). */
  addResource(path: string, body: unknown): void {
    this.#state.resources.set(path, body);
  }
}
