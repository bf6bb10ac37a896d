import { err, ok, type Result } from 'neverthrow';
import { createContext, type ResolvedContext } from '../core/context.js';
import { failure } from '../core/result.js';
import type { MarketplaceAction } from '../model/action.js';
import { ComplianceChecker } from './compliance.js';
import type { ConsistencyOptions, ConsistencyReport } from './consistency.js';
import { compareActionInputs } from './dialect/consistency-inputs.js';
import { normalizeAction } from './dialect/normalize.js';
import { deleteCountViolations } from './rules/delete-rules.js';
import {
  DEFAULT_SAFETY_CONSTRAINTS,
  mergeConstraints,
  platformConstraintsFor,
  type SafetyConstraints,
} from './constraints.js';
import { ChangeHistory } from './history.js';
import { comparePerformance, type PerformanceComparison, type PerformanceComparisonInput } from './performance.js';
import type { RuleContext, RuleViolation, SafetyRule } from './rule.js';
import {
  checkValidatorOptions,
  type ActionVerdict,
  type IntegrationValidatorOptions,
  type SafetyBlock,
  type SafetyCheckOptions,
  type SafetyCheckReport,
} from './validator-types.js';
import { BUILTIN_SAFETY_RULES } from './rules/builtin.js';
import { revisedListings } from './rules/platform-rules.js';
import { pricesOf } from './rules/price-rules.js';
import { plannedOperationOf } from './planned-action.js';
import { translateSimulationAction, type PlannedOperation } from './translate.js';

/**
 * Decides whether actions are safe to run on a marketplace, compares simulation with reality
 * and keeps the history time-window limits need. Every blocked action emits `actionBlocked`.
 *
 * Built-in constraints (configurable per marketplace and tenant): price floor and ceiling,
 * price relative to cost and minimum margin, maximum change per action and per time window,
 * bulk delete caps (count and share of catalog), stock zeroing share, quantity sanity,
 * currency mismatch, and platform limits such as eBay's revisions per listing per day. Add your
 * own with {@link SafetyRule}s.
 *
 * @example
 * ```ts
 * const validator = new IntegrationValidator({ constraints: { price: { floor: { amountMinor: 500, currency: 'EUR' } } } });
 * const report = await validator.testSafetyConstraints(
 *   [{ type: 'set_price', sku: 'A-1', price: { amountMinor: 1, currency: 'EUR' } }],
 *   { facts },
 * );
 * report.results[0]?.reason; // 'below_price_floor'
 * ```
 *
 * @category Validator
 */
export class IntegrationValidator {
  /** The dependencies the validator works with. */
  readonly context: ResolvedContext;
  /** Executed changes, for window limits. */
  readonly history: ChangeHistory;
  readonly #options: IntegrationValidatorOptions;
  readonly #rules: readonly SafetyRule[];
  readonly #compliance: ComplianceChecker | undefined;

  /** @param options - constraints, rules, compliance checker and context; validated whole */
  constructor(options: IntegrationValidatorOptions = {}) {
    checkValidatorOptions(options);
    this.#options = options;
    this.context = createContext(options.context);
    this.history = new ChangeHistory(this.context.store, this.context.clock);
    this.#rules = [...BUILTIN_SAFETY_RULES, ...(options.rules ?? [])];
    this.#compliance =
      options.compliance === false
        ? undefined
        : (options.compliance ?? new ComplianceChecker({ store: this.context.store, clock: this.context.clock }));
  }

  /** The constraints in force for a marketplace and tenant. */
  constraintsFor(marketplace?: string, tenantId: string = this.context.tenantId): SafetyConstraints {
    const o = this.#options;
    const tenant = o.tenants?.[tenantId];
    const byName = (layers: Record<string, SafetyConstraints> | undefined) =>
      marketplace === undefined ? undefined : layers?.[marketplace];
    return mergeConstraints(
      o.withoutDefaults ? undefined : DEFAULT_SAFETY_CONSTRAINTS,
      platformConstraintsFor(marketplace),
      o.constraints,
      byName(o.marketplaces),
      tenant?.constraints,
      byName(tenant?.marketplaces),
    );
  }

  /**
   * Checks a batch of actions in order. Batch-wide caps (deletes, zeroing, revisions) add up
   * over the actions that passed before; a blocked action does not count towards them.
   * Actions may be {@link MarketplaceAction}s or in the simulation dialect (FBA-Bench's
   * `{ type: 'set_price', product_sku, new_price: 29.99 }`, `{ type: 'bulk_delete', count }`);
   * dialect prices are in `options.currency` (default: `facts.currency`), and a `bulk_delete`
   * that names no listings is judged by the delete caps on its count.
   */
  async testSafetyConstraints(
    actions: readonly unknown[],
    options: SafetyCheckOptions = {},
  ): Promise<SafetyCheckReport> {
    const tenantId = options.tenantId ?? this.context.tenantId;
    const facts = options.facts ?? {};
    const results: ActionVerdict[] = [];
    const passed: MarketplaceAction[] = [];
    const normalized = actions.map((input) => normalizeAction(input, { currency: options.currency ?? facts.currency }));
    const compliance = await this.#complianceViolations(normalized, options.marketplace, tenantId);
    for (const [index, input] of actions.entries()) {
      const parsed = normalized[index] as ReturnType<typeof normalizeAction>;
      if (parsed.isErr()) {
        results.push(
          this.#verdict(
            index,
            input as MarketplaceAction,
            [{ rule: 'schema', reason: 'invalid_action', message: parsed.error.message }],
            options.marketplace,
            tenantId,
          ),
        );
        continue;
      }
      const marketplace =
        (parsed.value.kind === 'action' ? parsed.value.action.marketplace : parsed.value.marketplace) ??
        options.marketplace;
      const context: RuleContext = {
        tenantId,
        constraints: this.constraintsFor(marketplace, tenantId),
        facts,
        previous: passed.filter((earlier) => (earlier.marketplace ?? options.marketplace) === marketplace),
        now: this.context.clock.now(),
        history: this.history,
        ...(marketplace === undefined ? {} : { marketplace }),
      };
      if (parsed.value.kind === 'unnamed_delete') {
        // The caps judge the count; with no ids named there is nothing that could be executed.
        const found = await deleteCountViolations(parsed.value.count, context);
        const violations = found.length
          ? found
          : [
              {
                rule: 'schema',
                reason: 'invalid_action',
                message: `bulk_delete of ${parsed.value.count} listing(s) names none of them; give product_ids.`,
              },
            ];
        results.push(this.#verdict(index, input as MarketplaceAction, violations, marketplace, tenantId));
        continue;
      }
      const action = parsed.value.action;
      const violations: RuleViolation[] = [...(compliance.get(index) ?? [])];
      for (const rule of this.#rules) {
        const found = await rule.check(action, context);
        if (found) violations.push(...(Array.isArray(found) ? found : [found as RuleViolation]));
      }
      const verdict = this.#verdict(index, action, violations, marketplace, tenantId);
      if (verdict.safe) passed.push(action);
      results.push(verdict);
    }
    const blocked = results.filter((r) => !r.safe).length;
    return { safe: blocked === 0, blocked, results };
  }

  /** Checks one action; `Ok` with the parsed action when safe. */
  async checkAction(
    action: unknown,
    options: SafetyCheckOptions = {},
  ): Promise<Result<MarketplaceAction, SafetyBlock>> {
    const [verdict] = (await this.testSafetyConstraints([action], options)).results;
    if (verdict?.safe) return ok(verdict.action);
    const violations = verdict?.violations ?? [];
    const reason = violations[0]?.reason === 'invalid_action' ? 'invalid_action' : 'blocked';
    return err({ ...failure(reason, violations.map((v) => v.message).join(' ')), violations });
  }

  /**
   * Records an executed action in the history window limits read: its price changes (from the
   * prices in `facts`), the listings it deleted and its revisions per listing. Call it after
   * every action you execute yourself; `RealWorldAdapter` does for the actions it applies.
   */
  async recordExecuted(action: MarketplaceAction, options: SafetyCheckOptions = {}): Promise<void> {
    const tenantId = options.tenantId ?? this.context.tenantId;
    const marketplace = action.marketplace ?? options.marketplace;
    const scope = marketplace === undefined ? { tenantId } : { tenantId, marketplace };
    const constraints = this.constraintsFor(marketplace, tenantId);
    const windowMs = constraints.price?.maxChangePerWindow?.windowMs ?? 86_400_000;
    for (const { sku, price } of pricesOf(action)) {
      const from = options.facts?.offers?.[sku]?.price;
      if (from && from.amountMinor !== price.amountMinor)
        await this.history.recordPrice(scope, sku, from, price, windowMs);
    }
    if (action.type === 'delete_listings')
      await this.history.recordDeletions(
        scope,
        action.productIds,
        constraints.deletes?.maxPerWindow?.windowMs ?? 86_400_000,
      );
    for (const listing of revisedListings(action)) await this.history.recordRevision(scope, listing);
  }

  /**
   * Which fields of a simulation action and its real counterpart disagree, and by how much.
   * Either side may be a {@link MarketplaceAction} or a simulation-dialect action (compared
   * after translation: `new_price: 29.99` against `price: { amountMinor: 2999, currency }`),
   * and the real side may be the {@link PlannedOperation} the action was translated to. A side
   * that is valid in neither vocabulary throws a `ValidationError`.
   */
  validateActionConsistency(simAction: unknown, realAction: unknown, options?: ConsistencyOptions): ConsistencyReport {
    return compareActionInputs(simAction, realAction, options);
  }

  /** Per metric: the difference between simulation and reality, and whether it is within tolerance. */
  compareSimulationVsRealPerformance(input: PerformanceComparisonInput): PerformanceComparison {
    return comparePerformance(input);
  }

  async #complianceViolations(
    actions: readonly ReturnType<typeof normalizeAction>[],
    marketplace: string | undefined,
    tenantId: string,
  ): Promise<Map<number, RuleViolation[]>> {
    const out = new Map<number, RuleViolation[]>();
    if (!this.#compliance) return out;
    const groups = new Map<string, { index: number; action: MarketplaceAction }[]>();
    actions.forEach((parsed, index) => {
      if (parsed.isErr() || parsed.value.kind !== 'action') return;
      const name = parsed.value.action.marketplace ?? marketplace;
      if (name !== undefined) groups.set(name, [...(groups.get(name) ?? []), { index, action: parsed.value.action }]);
    });
    for (const [name, group] of groups) {
      const report = await this.#compliance.check(
        name,
        group.map((g) => plannedOperationOf(g.action) ?? translateSimulationAction(g.action)),
        { tenantId, history: this.history },
      );
      for (const violation of report.violations) {
        const index = group[violation.operationIndex]?.index ?? -1;
        const entry: RuleViolation = {
          rule: `policy:${violation.policy}`,
          reason: 'platform_policy',
          message: violation.message,
        };
        if (violation.details) entry.details = violation.details;
        out.set(index, [...(out.get(index) ?? []), entry]);
      }
    }
    return out;
  }

  #verdict(
    index: number,
    action: MarketplaceAction,
    violations: RuleViolation[],
    marketplace: string | undefined,
    tenantId: string,
  ): ActionVerdict {
    const first = violations[0];
    if (!first) return { index, action, safe: true, violations };
    const actionType = typeof action?.type === 'string' ? action.type : 'unknown';
    this.context.events.emit('actionBlocked', {
      actionType,
      rule: first.rule,
      reason: first.reason,
      tenantId,
      ...(marketplace === undefined ? {} : { marketplace }),
    });
    this.context.logger.warn(`safety: blocked ${actionType}: ${first.message}`, {
      rule: first.rule,
      reason: first.reason,
      marketplace,
      tenantId,
    });
    return { index, action, safe: false, rule: first.rule, reason: first.reason, message: first.message, violations };
  }
}
