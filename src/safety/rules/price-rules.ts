import type { MarketplaceAction } from '../../model/action.js';
import { formatMoney, type Money } from '../../model/money.js';
import type { RuleContext, RuleViolation, SafetyRule } from '../rule.js';

/** A price an action would set, with the SKU it is for. */
interface PricedSku {
  sku: string;
  price: Money;
}

/**
 * Every price an action sets: one for `set_price`, one per offer for listing writes.
 *
 * @example
 * ```ts
 * pricesOf({ type: 'set_price', sku: 'A-1', price }); // [{ sku: 'A-1', price }]
 * ```
 */
export function pricesOf(action: MarketplaceAction): PricedSku[] {
  switch (action.type) {
    case 'set_price':
      return [{ sku: action.sku, price: action.price }];
    case 'create_listing':
    case 'update_listing':
      return action.product.offers.map((offer) => ({ sku: offer.sku, price: offer.price }));
    default:
      return [];
  }
}

/** The price `sku` has once the earlier actions of the batch have run. */
function currentPrice(sku: string, context: RuleContext): Money | undefined {
  for (let i = context.previous.length - 1; i >= 0; i--) {
    const earlier = context.previous[i];
    const found = earlier ? pricesOf(earlier).find((priced) => priced.sku === sku) : undefined;
    if (found) return found.price;
  }
  return context.facts.offers?.[sku]?.price;
}

const show = (amount: Money) => `${formatMoney(amount)} ${amount.currency}`;
const big = (n: number) => BigInt(n);
const abs = (n: bigint) => (n < 0n ? -n : n);

function mismatch(rule: string, sku: string, price: Money, other: Money, what: string): RuleViolation {
  return {
    rule,
    reason: 'currency_mismatch',
    message: `${sku}: the price is in ${price.currency} but the ${what} is in ${other.currency}; use one currency.`,
    details: { sku, currency: price.currency, expected: other.currency },
  };
}

/** Runs `check` on every price the action sets and collects the violations. */
function perPrice(
  name: string,
  check: (priced: PricedSku, context: RuleContext) => RuleViolation | undefined | Promise<RuleViolation | undefined>,
): SafetyRule {
  return {
    name,
    async check(action, context) {
      const found: RuleViolation[] = [];
      for (const priced of pricesOf(action)) {
        const violation = await check(priced, context);
        if (violation) found.push(violation);
      }
      return found;
    },
  };
}

/**
 * Absolute floor and ceiling.
 *
 * @example
 * ```ts
 * await priceBoundsRule.check({ type: 'set_price', sku: 'A-1', price }, context);
 * ```
 */
export const priceBoundsRule: SafetyRule = perPrice('price_bounds', ({ sku, price }, { constraints }) => {
  const { floor, ceiling } = constraints.price ?? {};
  if (floor) {
    if (floor.currency !== price.currency) return mismatch('price_bounds', sku, price, floor, 'floor');
    if (price.amountMinor < floor.amountMinor) {
      return {
        rule: 'price_bounds',
        reason: 'below_price_floor',
        message: `${sku}: ${show(price)} is below the floor of ${show(floor)}.`,
        details: { sku, priceMinor: price.amountMinor, floorMinor: floor.amountMinor },
      };
    }
  }
  if (ceiling) {
    if (ceiling.currency !== price.currency) return mismatch('price_bounds', sku, price, ceiling, 'ceiling');
    if (price.amountMinor > ceiling.amountMinor) {
      return {
        rule: 'price_bounds',
        reason: 'above_price_ceiling',
        message: `${sku}: ${show(price)} is above the ceiling of ${show(ceiling)}.`,
        details: { sku, priceMinor: price.amountMinor, ceilingMinor: ceiling.amountMinor },
      };
    }
  }
  return undefined;
});

/**
 * Floor and ceiling relative to cost, and the minimum margin.
 *
 * @example
 * ```ts
 * await costRule.check({ type: 'set_price', sku: 'A-1', price }, context);
 * ```
 */
export const costRule: SafetyRule = perPrice('price_to_cost', ({ sku, price }, { constraints, facts }) => {
  const limits = constraints.price ?? {};
  const cost = facts.offers?.[sku]?.cost;
  if (
    !cost ||
    (limits.minPriceToCostBps === undefined &&
      limits.maxPriceToCostBps === undefined &&
      limits.minMarginBps === undefined)
  )
    return undefined;
  if (cost.currency !== price.currency) return mismatch('price_to_cost', sku, price, cost, 'cost');
  const details = { sku, priceMinor: price.amountMinor, costMinor: cost.amountMinor };
  if (
    limits.minPriceToCostBps !== undefined &&
    big(price.amountMinor) * 10_000n < big(cost.amountMinor) * big(limits.minPriceToCostBps)
  ) {
    return {
      rule: 'price_to_cost',
      reason: 'below_cost_limit',
      message: `${sku}: ${show(price)} is below ${limits.minPriceToCostBps / 100} % of its cost ${show(cost)}.`,
      details: { ...details, minPriceToCostBps: limits.minPriceToCostBps },
    };
  }
  if (
    limits.maxPriceToCostBps !== undefined &&
    big(price.amountMinor) * 10_000n > big(cost.amountMinor) * big(limits.maxPriceToCostBps)
  ) {
    return {
      rule: 'price_to_cost',
      reason: 'above_cost_limit',
      message: `${sku}: ${show(price)} is above ${limits.maxPriceToCostBps / 100} % of its cost ${show(cost)}.`,
      details: { ...details, maxPriceToCostBps: limits.maxPriceToCostBps },
    };
  }
  const minMargin = limits.minMarginBps;
  if (
    minMargin !== undefined &&
    (price.amountMinor <= 0 ||
      big(price.amountMinor - cost.amountMinor) * 10_000n < big(minMargin) * big(price.amountMinor))
  ) {
    return {
      rule: 'price_to_cost',
      reason: 'below_min_margin',
      message: `${sku}: ${show(price)} leaves less than the minimum margin of ${minMargin / 100} % over its cost ${show(cost)}.`,
      details: { ...details, minMarginBps: minMargin },
    };
  }
  return undefined;
});

function tooLarge(from: Money, to: Money, maxBps: number): boolean {
  return abs(big(to.amountMinor - from.amountMinor)) * 10_000n > big(maxBps) * abs(big(from.amountMinor));
}

/**
 * Largest change of one action relative to the current price.
 *
 * @example
 * ```ts
 * await priceChangeRule.check({ type: 'set_price', sku: 'A-1', price }, context);
 * ```
 */
export const priceChangeRule: SafetyRule = perPrice('price_change', ({ sku, price }, context) => {
  const maxBps = context.constraints.price?.maxChangePerActionBps;
  const from = currentPrice(sku, context);
  if (maxBps === undefined || !from || from.amountMinor === 0) return undefined;
  if (from.currency !== price.currency) return mismatch('price_change', sku, price, from, 'current price');
  if (!tooLarge(from, price, maxBps)) return undefined;
  return {
    rule: 'price_change',
    reason: 'price_change_too_large',
    message: `${sku}: changing ${show(from)} to ${show(price)} is more than the ${maxBps / 100} % one action may change.`,
    details: { sku, fromMinor: from.amountMinor, toMinor: price.amountMinor, maxChangePerActionBps: maxBps },
  };
});

/**
 * Largest change within a sliding window, relative to the price at the window's start.
 *
 * @example
 * ```ts
 * await priceWindowRule.check({ type: 'set_price', sku: 'A-1', price }, context);
 * ```
 */
export const priceWindowRule: SafetyRule = perPrice('price_window', async ({ sku, price }, context) => {
  const window = context.constraints.price?.maxChangePerWindow;
  if (!window) return undefined;
  const scope =
    context.marketplace === undefined
      ? { tenantId: context.tenantId }
      : { tenantId: context.tenantId, marketplace: context.marketplace };
  const reference =
    (await context.history.priceReference(scope, sku, window.windowMs)) ?? context.facts.offers?.[sku]?.price;
  if (!reference || reference.amountMinor === 0) return undefined;
  if (reference.currency !== price.currency) return mismatch('price_window', sku, price, reference, 'earlier price');
  if (!tooLarge(reference, price, window.bps)) return undefined;
  return {
    rule: 'price_window',
    reason: 'window_change_too_large',
    message: `${sku}: ${show(price)} is more than ${window.bps / 100} % away from ${show(reference)}, its price ${window.windowMs / 60_000} minutes ago.`,
    details: { sku, referenceMinor: reference.amountMinor, toMinor: price.amountMinor, ...window },
  };
});

/**
 * Prices in the marketplace's currency.
 *
 * @example
 * ```ts
 * await currencyRule.check({ type: 'set_price', sku: 'A-1', price }, context);
 * ```
 */
export const currencyRule: SafetyRule = perPrice('currency', ({ sku, price }, { constraints, facts }) => {
  const expected = constraints.currency?.expected ?? facts.currency ?? facts.offers?.[sku]?.price.currency;
  if (expected === undefined || expected === price.currency) return undefined;
  return {
    rule: 'currency',
    reason: 'currency_mismatch',
    message: `${sku}: the marketplace sells in ${expected}, the price is in ${price.currency}.`,
    details: { sku, currency: price.currency, expected },
  };
});
