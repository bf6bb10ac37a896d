import type { MarketplaceAction } from '../../model/action.js';
import type { RuleContext, RuleViolation, SafetyRule } from '../rule.js';

/** The SKU an action sets to zero stock, if it does. */
function zeroedSku(action: MarketplaceAction | undefined, context: RuleContext): string | undefined {
  const stock = (sku: string) => context.facts.stock?.[sku];
  if (action?.type === 'set_inventory' && action.quantity === 0 && (stock(action.sku) ?? 1) > 0) return action.sku;
  if (action?.type === 'adjust_inventory' && action.delta < 0 && stock(action.sku) === -action.delta) return action.sku;
  return undefined;
}

/**
 * Stock zeroing of more than a share of SKUs in one batch.
 *
 * @example
 * ```ts
 * await stockZeroingRule.check({ type: 'set_inventory', sku: 'A-1', quantity: 0 }, context);
 * ```
 */
export const stockZeroingRule: SafetyRule = {
  name: 'stock_zeroing',
  check(action, context) {
    const sku = zeroedSku(action, context);
    const maxShareBps = context.constraints.stock?.maxZeroedShareBps;
    const skuCount = context.facts.skuCount;
    if (sku === undefined || maxShareBps === undefined || skuCount === undefined) return undefined;
    const zeroed = new Set(
      context.previous.map((earlier) => zeroedSku(earlier, context)).filter((s) => s !== undefined),
    );
    zeroed.add(sku);
    if (BigInt(zeroed.size) * 10_000n <= BigInt(maxShareBps) * BigInt(skuCount)) return undefined;
    return {
      rule: 'stock_zeroing',
      reason: 'too_many_zeroed',
      message: `Setting ${zeroed.size} of ${skuCount} SKUs to zero stock in one batch is more than ${maxShareBps / 100} %.`,
      details: { sku, zeroed: zeroed.size, skuCount, maxZeroedShareBps: maxShareBps },
    };
  },
};

/**
 * Quantity sanity: no absurd stock writes, no adjustment below zero.
 *
 * @example
 * ```ts
 * await quantityRule.check({ type: 'adjust_inventory', sku: 'A-1', delta: -5 }, context);
 * ```
 */
export const quantityRule: SafetyRule = {
  name: 'quantity',
  check(action, context) {
    const { maxQuantity, maxAdjustment } = context.constraints.stock ?? {};
    const out = (message: string, details: Record<string, unknown>): RuleViolation => ({
      rule: 'quantity',
      reason: 'quantity_out_of_range',
      message,
      details,
    });
    if (action.type === 'set_inventory' && maxQuantity !== undefined && action.quantity > maxQuantity) {
      return out(`${action.sku}: a stock of ${action.quantity} is more than the sanity limit of ${maxQuantity}.`, {
        sku: action.sku,
        quantity: action.quantity,
        maxQuantity,
      });
    }
    if (action.type === 'adjust_inventory') {
      if (maxAdjustment !== undefined && Math.abs(action.delta) > maxAdjustment) {
        return out(`${action.sku}: an adjustment of ${action.delta} is larger than the limit of ${maxAdjustment}.`, {
          sku: action.sku,
          delta: action.delta,
          maxAdjustment,
        });
      }
      const available = context.facts.stock?.[action.sku];
      if (available !== undefined && available + action.delta < 0) {
        return out(`${action.sku}: only ${available} available; cannot remove ${-action.delta}.`, {
          sku: action.sku,
          delta: action.delta,
          available,
        });
      }
    }
    return undefined;
  },
};
