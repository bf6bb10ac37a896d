import type { MaybePromise } from '../core/types.js';
import type { MarketplaceAction } from '../model/action.js';
import type { SafetyConstraints } from './constraints.js';
import type { SafetyFacts } from './facts.js';
import type { ChangeHistory } from './history.js';

/**
 * Why a built-in rule blocked an action.
 *
 * @category Validator
 */
export type SafetyRuleReason =
  | 'below_price_floor'
  | 'above_price_ceiling'
  | 'below_cost_limit'
  | 'above_cost_limit'
  | 'below_min_margin'
  | 'price_change_too_large'
  | 'window_change_too_large'
  | 'too_many_deletes'
  | 'delete_share_too_large'
  | 'too_many_deletes_in_window'
  | 'delete_share_in_window_too_large'
  | 'too_many_zeroed'
  | 'quantity_out_of_range'
  | 'currency_mismatch'
  | 'platform_policy'
  | 'custom_rule';

/**
 * One reason an action is unsafe: the rule that found it, a reason to switch on, a message that
 * says what to change, and the numbers involved.
 *
 * @example
 * ```ts
 * const violation: RuleViolation = {
 *   rule: 'price_floor', reason: 'below_price_floor',
 *   message: 'A-1: 0.01 EUR is below the floor of 5.00 EUR.',
 *   details: { sku: 'A-1', priceMinor: 1, floorMinor: 500 },
 * };
 * ```
 *
 * @category Validator
 */
export interface RuleViolation {
  /** The rule's name. */
  rule: string;
  /** Machine-readable reason; custom rules may use their own strings. */
  reason: SafetyRuleReason | (string & {});
  /** What is wrong and how to fix it. */
  message: string;
  /** The values compared (never secrets). */
  details?: Record<string, unknown>;
}

/**
 * What a rule sees when it checks one action.
 *
 * @example
 * ```ts
 * const rule: SafetyRule = {
 *   name: 'weekday_only',
 *   check: (action, context: RuleContext) =>
 *     new Date(context.now).getUTCDay() === 0 ? { rule: 'weekday_only', reason: 'custom_rule', message: 'No changes on Sundays.' } : undefined,
 * };
 * ```
 *
 * @category Validator
 */
export interface RuleContext {
  /** The marketplace acted on. */
  marketplace?: string;
  /** The tenant acting. */
  tenantId: string;
  /** The constraints in force for this marketplace and tenant. */
  constraints: SafetyConstraints;
  /** The marketplace's current state. */
  facts: SafetyFacts;
  /** Earlier actions of the same batch that passed, so batch-wide caps add up. */
  previous: readonly MarketplaceAction[];
  /** The current time (epoch ms). */
  now: number;
  /** Executed changes within time windows. */
  history: ChangeHistory;
}

/**
 * A safety rule: built-in or your own. Return nothing when the action is fine, or one or more
 * violations to block it.
 *
 * @example
 * ```ts
 * const noDeletesOnBlackFriday: SafetyRule = {
 *   name: 'no_deletes_on_black_friday',
 *   check: (action) =>
 *     action.type === 'delete_listings'
 *       ? { rule: 'no_deletes_on_black_friday', reason: 'custom_rule', message: 'Deletes are frozen today.' }
 *       : undefined,
 * };
 * const validator = new IntegrationValidator({ rules: [noDeletesOnBlackFriday] });
 * ```
 *
 * @category Validator
 */
export interface SafetyRule {
  /** A unique name; appears in reports and `actionBlocked` events. */
  readonly name: string;
  /** Checks one action. */
  check(
    action: MarketplaceAction,
    context: RuleContext,
  ): MaybePromise<RuleViolation | readonly RuleViolation[] | undefined>;
}
