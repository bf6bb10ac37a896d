import type { Context } from '../core/context.js';
import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';
import type { Failure } from '../core/result.js';
import type { MarketplaceAction } from '../model/action.js';
import type { ComplianceChecker } from './compliance.js';
import { SafetyConstraintsSchema, type SafetyConstraints } from './constraints.js';
import type { SafetyFacts } from './facts.js';
import type { RuleViolation, SafetyRule } from './rule.js';

/**
 * Constraints for one tenant: its own layer, and layers per marketplace.
 *
 * @category Validator
 */
export interface TenantConstraints {
  constraints?: SafetyConstraints;
  marketplaces?: Record<string, SafetyConstraints>;
}

/**
 * Options of `IntegrationValidator`. Constraint layers apply in this order, later ones
 * winning field by field: `DEFAULT_SAFETY_CONSTRAINTS` (unless `withoutDefaults`), the
 * platform's own limits, `constraints`, `marketplaces[name]`, `tenants[id].constraints`,
 * `tenants[id].marketplaces[name]`.
 *
 * @example
 * ```ts
 * const options: IntegrationValidatorOptions = {
 *   constraints: { price: { floor: { amountMinor: 100, currency: 'EUR' } } },
 *   marketplaces: { ebay: { deletes: { maxCount: 20 } } },
 *   tenants: { 'seller-9': { constraints: { stock: { maxZeroedShareBps: 500 } } } },
 * };
 * ```
 *
 * @category Validator
 */
export interface IntegrationValidatorOptions {
  /** Constraints for every marketplace and tenant. */
  constraints?: SafetyConstraints;
  /** Constraints per marketplace name. */
  marketplaces?: Record<string, SafetyConstraints>;
  /** Constraints per tenant id. */
  tenants?: Record<string, TenantConstraints>;
  /** Your own rules; they run after the built-in ones. */
  rules?: readonly SafetyRule[];
  /** The platform policy checker run over each batch (default: one with the built-in policies); `false` to leave it out. */
  compliance?: ComplianceChecker | false;
  /** Leave out `DEFAULT_SAFETY_CONSTRAINTS`. */
  withoutDefaults?: boolean;
  /** Store (history), clock, events (`actionBlocked`), logger and default tenant. */
  context?: Context;
}

/**
 * Where and for whom a batch is checked, and what the marketplace looks like now.
 *
 * @example
 * ```ts
 * const options: SafetyCheckOptions = { marketplace: 'ebay', tenantId: 'seller-1', facts };
 * ```
 *
 * @category Validator
 */
export interface SafetyCheckOptions {
  /** The marketplace (an action's own `marketplace` wins). */
  marketplace?: string;
  /** The tenant (default: the context's). */
  tenantId?: string;
  /** The marketplace's current state. */
  facts?: SafetyFacts;
  /** The currency of simulation-dialect prices that name none (default: `facts.currency`). */
  currency?: string;
}

/**
 * The verdict on one action: safe or not, and if not, the first rule and reason (all of them
 * in `violations`).
 *
 * @example
 * ```ts
 * const verdict: ActionVerdict = report.results[0]!;
 * if (!verdict.safe) console.log(verdict.rule, verdict.reason, verdict.message);
 * ```
 *
 * @category Validator
 */
export interface ActionVerdict {
  index: number;
  action: MarketplaceAction;
  safe: boolean;
  rule?: string;
  reason?: string;
  message?: string;
  violations: RuleViolation[];
}

/**
 * The answer of `IntegrationValidator.testSafetyConstraints`.
 *
 * @example
 * ```ts
 * const report: SafetyCheckReport = await validator.testSafetyConstraints(actions);
 * console.log(`${report.blocked} of ${report.results.length} blocked`);
 * ```
 *
 * @category Validator
 */
export interface SafetyCheckReport {
  /** True when every action is safe. */
  safe: boolean;
  /** How many actions were blocked. */
  blocked: number;
  /** One verdict per action, in input order. */
  results: ActionVerdict[];
}

/**
 * Why `IntegrationValidator.checkAction` refused an action.
 *
 * @example
 * ```ts
 * const result = await validator.checkAction(action);
 * if (result.isErr()) console.log(result.error.reason, result.error.violations);
 * ```
 *
 * @category Validator
 */
export interface SafetyBlock extends Failure<'blocked' | 'invalid_action'> {
  violations: RuleViolation[];
}

/** Checks validator options, every problem at once.
 *
 * @example
 * ```ts
 * checkValidatorOptions({ constraints: { deletes: { maxCount: -1 } } }); // throws ValidationError
 * ```
 *
 * @category Validator
 */
export function checkValidatorOptions(options: IntegrationValidatorOptions): void {
  const issues: ValidationIssue[] = [];
  const layer = (value: unknown, path: (string | number)[]) => {
    if (value === undefined) return;
    const parsed = SafetyConstraintsSchema.safeParse(value);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        issues.push({ path: [...path, ...issue.path.map(String)], message: issue.message });
  };
  layer(options.constraints, ['constraints']);
  for (const [name, value] of Object.entries(options.marketplaces ?? {})) layer(value, ['marketplaces', name]);
  for (const [id, tenant] of Object.entries(options.tenants ?? {})) {
    layer(tenant.constraints, ['tenants', id, 'constraints']);
    for (const [name, value] of Object.entries(tenant.marketplaces ?? {}))
      layer(value, ['tenants', id, 'marketplaces', name]);
  }
  (options.rules ?? []).forEach((rule, i) => {
    if (typeof rule?.name !== 'string' || typeof rule?.check !== 'function')
      issues.push({ path: ['rules', i], message: 'A rule needs a name and a check(action, context) function.' });
  });
  if (issues.length) throw new ValidationError('IntegrationValidator options', issues);
}
