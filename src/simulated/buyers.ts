import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../core/result.js';
import type { FinancialEvent } from '../model/finance.js';
import type { LineItem, Order } from '../model/order.js';
import type { ResolvedSimulatedConfig } from './config.js';
import type { SeededRandom } from './random.js';
import type { Allocation, SimState } from './state.js';

/**
 * Why a simulated buyer's order was not placed.
 *
 * @category Simulated marketplace
 */
export type OrderRejection = 'insufficient_stock' | 'unknown_sku' | 'invalid_quantity';

/**
 * One line a simulated buyer wants.
 *
 * @category Simulated marketplace
 */
export interface BuyerLine {
  sku: string;
  quantity: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The buyers of a simulated marketplace: orders arrive at random (a Poisson process in the
 * injected clock's time) and each one reserves stock it takes from the shelves. An order is
 * placed only for stock that is available, so the marketplace never sells what it does not have.
 */
export class Buyers {
  readonly #state: SimState;
  readonly #config: ResolvedSimulatedConfig;
  readonly #random: SeededRandom;
  #nextArrival: number;

  constructor(state: SimState, config: ResolvedSimulatedConfig, random: SeededRandom, startedAt: number) {
    this.#state = state;
    this.#config = config;
    this.#random = random;
    this.#nextArrival = startedAt + this.#gap();
  }

  #gap(): number {
    const perHour = this.#config.orders.perHour;
    if (perHour <= 0) return Number.POSITIVE_INFINITY;
    // Exponential inter-arrival time; 1 - next() is in (0, 1], so the log is finite.
    return Math.max(1, Math.round((-Math.log(1 - this.#random.next()) * 3_600_000) / perHour));
  }

  /** Places every order that arrived up to `now`. */
  advance(now: number): void {
    while (this.#nextArrival <= now) {
      const at = this.#nextArrival;
      const skus = this.#state.stock.skus();
      if (skus.length > 0) {
        const lines: BuyerLine[] = [];
        const count = this.#random.int(1, Math.min(this.#config.orders.maxLines, skus.length));
        for (let i = 0; i < count; i++) {
          const sku = this.#random.pick(skus);
          if (!lines.some((line) => line.sku === sku))
            lines.push({ sku, quantity: this.#random.int(1, this.#config.orders.maxUnitsPerLine) });
        }
        this.place(lines, at, { partial: true });
      }
      this.#nextArrival = at + this.#gap();
    }
  }

  /**
   * Places an order for `lines` at time `at`. With `partial`, lines are cut to the stock there
   * is (what a marketplace's storefront allows); without, the order is refused whole unless
   * every unit is available.
   */
  place(
    lines: readonly BuyerLine[],
    at: number,
    options: { partial?: boolean } = {},
  ): Result<Order, Failure<OrderRejection>> {
    const now = iso(at);
    const wanted = new Map<string, number>();
    for (const line of lines) {
      if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
        return err(failure('invalid_quantity', `Quantity of ${line.sku} must be a positive integer.`));
      }
      if (!this.#state.stock.has(line.sku)) return err(failure('unknown_sku', `No offer with SKU ${line.sku}.`));
      wanted.set(line.sku, (wanted.get(line.sku) ?? 0) + line.quantity);
    }
    const granted = new Map<string, number>();
    for (const [sku, quantity] of wanted) {
      const stock = this.#state.stock.totalAvailable(sku);
      const take = Math.min(stock, quantity);
      if (take < quantity && !options.partial) {
        return err(
          failure('insufficient_stock', `Only ${stock} of ${sku} available; ${quantity} wanted.`, {
            sku,
            available: stock,
          }),
        );
      }
      this.#state.lostSales += quantity - take;
      if (take > 0) granted.set(sku, take);
    }
    if (granted.size === 0) return err(failure('insufficient_stock', 'Nothing the buyer wanted is in stock.'));

    const orderId = `O-${String(++this.#state.sequence.order).padStart(7, '0')}`;
    const allocation: Allocation = new Map();
    const lineItems: LineItem[] = [];
    let subtotal = 0;
    for (const [sku, quantity] of granted) {
      const lineItemId = `${orderId}-${lineItems.length + 1}`;
      const byLocation = new Map<string, number>();
      let remaining = quantity;
      for (const level of this.#state.stock.levels(sku)) {
        const take = Math.min(level.available, remaining);
        if (take === 0) continue;
        this.#state.stock.change(sku, level.locationId, { available: -take, reserved: take }, now);
        byLocation.set(level.locationId, take);
        remaining -= take;
      }
      allocation.set(lineItemId, byLocation);
      const owner = this.#state.stock.ownerOf(sku);
      const product = owner === undefined ? undefined : this.#state.products.byNumber(owner);
      const offer = product?.offers.find((o) => o.sku === sku);
      const unitPrice = offer?.price ?? { amountMinor: 0, currency: this.#config.currency };
      subtotal += unitPrice.amountMinor * quantity;
      lineItems.push({
        id: lineItemId,
        sku,
        title: product?.title,
        quantity,
        unitPrice,
        quantityShipped: 0,
        quantityCancelled: 0,
      });
    }
    const currency = this.#config.currency;
    const zero = { amountMinor: 0, currency };
    const order: Order = {
      id: orderId,
      marketplace: this.#config.name,
      status: 'unshipped',
      createdAt: now,
      updatedAt: now,
      acknowledged: false,
      currency,
      lineItems,
      totals: {
        subtotal: { amountMinor: subtotal, currency },
        shipping: zero,
        tax: zero,
        total: { amountMinor: subtotal, currency },
      },
      shippingAddress: {
        name: `Buyer ${orderId}`,
        line1: `${this.#random.int(1, 200)} Market Street`,
        city: 'Utrecht',
        postalCode: '3511 AA',
        countryCode: 'NL',
      },
      buyer: { name: `Buyer ${orderId}`, email: `buyer-${orderId.toLowerCase()}@example.invalid` },
    };
    this.#state.orders.set(orderId, order);
    this.#state.allocations.set(orderId, allocation);
    this.recordFinance('sale', subtotal, orderId, now);
    const fee = Math.floor((subtotal * this.#config.commissionBps) / 10_000);
    if (fee > 0) this.recordFinance('fee', -fee, orderId, now);
    return ok(order);
  }

  /** Appends a financial event. */
  recordFinance(
    type: FinancialEvent['type'],
    amountMinor: number,
    orderId: string | undefined,
    occurredAt: string,
  ): void {
    const id = `F-${String(++this.#state.sequence.financial).padStart(8, '0')}`;
    this.#state.financialEvents.push({
      id,
      type,
      ...(orderId === undefined ? {} : { orderId }),
      amount: { amountMinor, currency: this.#config.currency },
      occurredAt,
    });
  }
}
