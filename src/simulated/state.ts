import type { FinancialEvent } from '../model/finance.js';
import type { InventoryLevel } from '../model/inventory.js';
import type { Order } from '../model/order.js';
import type { Product } from '../model/product.js';
import type { ResolvedSimulatedConfig } from './config.js';
import { KeyHashMemory, KeyMemory } from './key-memory.js';
import { ADJECTIVES, NOUNS, ProductTable, generatedSku } from './products.js';
import type { SeededRandom } from './random.js';
import { StockTable } from './stock.js';

/**
 * Everything the simulated marketplace holds. `snapshot()` returns a deep copy of it.
 *
 * @example
 * ```ts
 * const state: SimulatedState = simulated.snapshot();
 * console.log(state.orders.length);
 * ```
 *
 * @category Simulated marketplace
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
  products: ProductTable;
  /** Stock per SKU and location, and each SKU's product. */
  stock: StockTable;
  orders: Map<string, Order>;
  /** orderId → lineItemId → locationId → units reserved */
  allocations: Map<string, Allocation>;
  financialEvents: FinancialEvent[];
  /** Adjustments by idempotency key, with what each asked for: the 10,000 most recent, for 24 hours. */
  idempotency: KeyMemory<{ level: InventoryLevel; body: string }>;
  /**
   * What the 10,000 most recent keyed sets asked for (key and body as `hash53`), for 24 hours,
   * so a key reused on another level is recognised (the answers of keyed sets are remembered
   * per level in `stock`).
   */
  setKeys: KeyHashMemory;
  lostSales: number;
  sequence: { product: number; order: number; shipment: number; financial: number };
}

function priceMinor(random: SeededRandom, exponent: number): number {
  const major = random.int(5, 200);
  const cents = random.int(0, 99);
  // Currencies with fewer than two decimals get prices a hundred times larger (yen, won).
  return exponent >= 2 ? major * 10 ** exponent + cents * 10 ** (exponent - 2) : major * 100 + cents;
}

/** Builds the initial catalog and stock from the seed. */
export function generateState(
  config: ResolvedSimulatedConfig,
  random: SeededRandom,
  exponent: number,
  now: string,
): SimState {
  const state: SimState = {
    products: new ProductTable(config.currency, exponent, now, config.products),
    stock: new StockTable(config.locations, config.products * config.variantsPerProduct.min),
    orders: new Map(),
    allocations: new Map(),
    financialEvents: [],
    idempotency: new KeyMemory(10_000, 86_400_000),
    setKeys: new KeyHashMemory(10_000, 86_400_000),
    lostSales: 0,
    sequence: { product: 0, order: 0, shipment: 0, financial: 0 },
  };
  const available = new Array<number>(config.locations.length);
  // The seed's choices are drawn in a fixed order (variants, price, title, then stock per SKU
  // and location), so equal seeds give equal catalogs.
  for (let p = 1; p <= config.products; p++) {
    const variants = random.int(config.variantsPerProduct.min, config.variantsPerProduct.max);
    const basePrice = priceMinor(random, exponent);
    const adjective = random.int(0, ADJECTIVES.length - 1);
    const noun = random.int(0, NOUNS.length - 1);
    const n = state.products.generate({ variants, basePrice, adjective, noun });
    state.sequence.product = n;
    for (let v = 0; v < variants; v++) {
      for (let l = 0; l < available.length; l++)
        available[l] = random.int(config.initialStock.min, config.initialStock.max);
      state.stock.add(generatedSku(n, v, variants), n, now, available);
    }
  }
  return state;
}
