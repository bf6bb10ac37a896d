import type { FinancialEvent } from '../model/finance.js';
import type { InventoryLevel } from '../model/inventory.js';
import type { Order } from '../model/order.js';
import type { Product } from '../model/product.js';
import type { ResolvedSimulatedConfig } from './config.js';
import type { SeededRandom } from './random.js';

/**
 * Everything the simulated marketplace holds. `snapshot()` returns a deep copy of it.
 *
 * @example
 * ```ts
 * const state: SimulatedState = simulated.snapshot();
 * console.log(state.orders.length);
 * ```
 */
export interface SimulatedState {
  products: Product[];
  inventory: InventoryLevel[];
  orders: Order[];
  financialEvents: FinancialEvent[];
  /** Units buyers wanted but could not buy for lack of stock. */
  lostSales: number;
}

/** Where each order line's reserved units sit, so shipping and cancelling move the right stock. */
export type Allocation = Map<string, Map<string, number>>;

/** The mutable store behind a simulated marketplace. */
export interface SimState {
  products: Map<string, Product>;
  skuToProduct: Map<string, string>;
  /** sku → locationId → level */
  inventory: Map<string, Map<string, InventoryLevel>>;
  orders: Map<string, Order>;
  /** orderId → lineItemId → locationId → units reserved */
  allocations: Map<string, Allocation>;
  financialEvents: FinancialEvent[];
  idempotency: Map<string, InventoryLevel>;
  lostSales: number;
  sequence: { product: number; order: number; shipment: number; financial: number };
}

const ADJECTIVES = ['Classic', 'Organic', 'Compact', 'Deluxe', 'Vintage', 'Modern', 'Rugged', 'Soft', 'Bright', 'Eco'];
const NOUNS = ['Mug', 'T-shirt', 'Backpack', 'Lamp', 'Notebook', 'Bottle', 'Scarf', 'Headphones', 'Candle', 'Blanket'];
const SIZES = ['S', 'M', 'L', 'XL'];

function pad(n: number, width = 5): string {
  return String(n).padStart(width, '0');
}

function priceMinor(random: SeededRandom, exponent: number): number {
  const major = random.int(5, 200);
  const cents = random.int(0, 99);
  // Currencies with fewer than two decimals get prices a hundred times larger (yen, won).
  return exponent >= 2 ? major * 10 ** exponent + cents * 10 ** (exponent - 2) : major * 100 + cents;
}

/** Builds the initial catalog and stock from the seed. */
export function generateState(config: ResolvedSimulatedConfig, random: SeededRandom, exponent: number, now: string): SimState {
  const state: SimState = {
    products: new Map(),
    skuToProduct: new Map(),
    inventory: new Map(),
    orders: new Map(),
    allocations: new Map(),
    financialEvents: [],
    idempotency: new Map(),
    lostSales: 0,
    sequence: { product: 0, order: 0, shipment: 0, financial: 0 },
  };
  for (let p = 1; p <= config.products; p++) {
    const id = `P-${pad(p)}`;
    const variants = random.int(config.variantsPerProduct.min, config.variantsPerProduct.max);
    const base = priceMinor(random, exponent);
    const offers = Array.from({ length: variants }, (_, v) => ({
      sku: variants === 1 ? `SKU-${pad(p)}` : `SKU-${pad(p)}-${SIZES[v % SIZES.length]}${v >= SIZES.length ? v : ''}`,
      price: { amountMinor: base + v * 10 ** exponent, currency: config.currency },
      cost: { amountMinor: Math.floor((base * 55) / 100), currency: config.currency },
      condition: 'new' as const,
      options: (variants === 1 ? {} : { size: SIZES[v % SIZES.length] ?? String(v) }) as Record<string, string>,
    }));
    const product: Product = {
      id,
      title: `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} ${p}`,
      status: 'active',
      offers,
      images: [],
      attributes: {},
      updatedAt: now,
    };
    state.products.set(id, product);
    state.sequence.product = p;
    for (const offer of offers) {
      state.skuToProduct.set(offer.sku, id);
      const levels = new Map<string, InventoryLevel>();
      for (const locationId of config.locations) {
        const available = random.int(config.initialStock.min, config.initialStock.max);
        levels.set(locationId, { sku: offer.sku, locationId, available, reserved: 0, onHand: available, updatedAt: now, version: 1 });
      }
      state.inventory.set(offer.sku, levels);
    }
  }
  return state;
}

/** Creates empty stock levels for a new SKU at every location. */
export function emptyLevels(sku: string, locations: readonly string[], now: string): Map<string, InventoryLevel> {
  return new Map(locations.map((locationId) => [locationId, { sku, locationId, available: 0, reserved: 0, onHand: 0, updatedAt: now, version: 1 }]));
}

/** Applies a change to a level, keeping `onHand = available + reserved` and bumping the version. */
export function changeLevel(level: InventoryLevel, change: { available?: number; reserved?: number }, now: string): InventoryLevel {
  const available = level.available + (change.available ?? 0);
  const reserved = level.reserved + (change.reserved ?? 0);
  if (available < 0 || reserved < 0) throw new RangeError(`Stock of ${level.sku} at ${level.locationId} would go negative.`);
  Object.assign(level, { available, reserved, onHand: available + reserved, updatedAt: now, version: level.version + 1 });
  return level;
}
