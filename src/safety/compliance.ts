import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import type { MaybePromise } from '../core/types.js';
import { MemoryStore } from '../stores/memory-store.js';
import type { Store } from '../stores/store.js';
import { ChangeHistory } from './history.js';
import type { PlannedOperation } from './translate.js';

/**
 * One broken platform policy: which policy, which planned operation, and why.
 *
 * @category Compliance
 */
export interface ComplianceViolation {
  /** The policy's name. */
  policy: string;
  /** Index of the operation in the checked batch. */
  operationIndex: number;
  /** What is wrong and how to fix it. */
  message: string;
  /** The values compared. */
  details?: Record<string, unknown>;
}

/**
 * What a policy sees besides the operations.
 *
 * @category Compliance
 */
export interface PolicyContext {
  /** The marketplace the batch is for. */
  marketplace: string;
  /** The tenant acting. */
  tenantId: string;
  /** Executed changes (revisions per day, price windows). */
  history: ChangeHistory;
  /** The current time (epoch ms). */
  now: number;
}

/**
 * A platform policy over a batch of planned operations.
 *
 * @example
 * ```ts
 * const noArchive: PolicyRule = {
 *   name: 'no_empty_titles',
 *   description: 'Every listing needs a title.',
 *   check: (operations) => [],
 * };
 * ```
 *
 * @category Compliance
 */
export interface PolicyRule {
  /** A unique name. */
  readonly name: string;
  /** What the platform requires, in one sentence. */
  readonly description: string;
  /** Returns the violations in the batch (empty when compliant). */
  check(operations: readonly PlannedOperation[], context: PolicyContext): MaybePromise<readonly ComplianceViolation[]>;
}

/**
 * The result of {@link ComplianceChecker.check}.
 *
 * @example
 * ```ts
 * const report: ComplianceReport = await checker.check('ebay', operations);
 * if (!report.compliant) console.table(report.violations);
 * ```
 *
 * @category Compliance
 */
export interface ComplianceReport {
  marketplace: string;
  /** True when no policy found a violation. */
  compliant: boolean;
  /** How many operations were checked. */
  checked: number;
  /** The policies that ran. */
  policies: string[];
  violations: ComplianceViolation[];
}

const titlesOf = (operation: PlannedOperation): string[] =>
  operation.operation === 'upsertProducts'
    ? operation.payload.map((item) => String((item as { title?: unknown }).title ?? ''))
    : [];

/**
 * A policy limiting listing titles to `max` characters (eBay: 80).
 *
 * @example
 * ```ts
 * new ComplianceChecker({ policies: { 'my-shop': [maxTitleLengthPolicy('my_shop_titles', 60)] } });
 * ```
 *
 * @category Compliance
 */
export function maxTitleLengthPolicy(name: string, max: number): PolicyRule {
  return {
    name,
    description: `Listing titles have at most ${max} characters.`,
    check: (operations) =>
      operations.flatMap((operation, operationIndex) =>
        titlesOf(operation)
          .filter((title) => [...title].length > max)
          .map((title) => ({
            policy: name,
            operationIndex,
            message: `The title "${title.slice(0, 40)}…" has ${[...title].length} characters; at most ${max} are allowed.`,
            details: { length: [...title].length, max },
          })),
      ),
  };
}

/**
 * A policy limiting how often one listing may be revised per UTC day, counting the batch and
 * the executed history (eBay: 250).
 *
 * @example
 * ```ts
 * new ComplianceChecker({ policies: { ebay: [revisionsPerListingPerDayPolicy(250)] } });
 * ```
 *
 * @category Compliance
 */
export function revisionsPerListingPerDayPolicy(limit: number): PolicyRule {
  const name = 'revisions_per_listing_per_day';
  return {
    name,
    description: `A listing is revised at most ${limit} times per day.`,
    async check(operations, context) {
      const counts = new Map<string, number>();
      const violations: ComplianceViolation[] = [];
      for (const [operationIndex, operation] of operations.entries()) {
        if (
          operation.operation === 'deleteProducts' ||
          operation.actionType === 'create_listing' ||
          operation.listings.length === 0
        )
          continue;
        const listing = operation.listings[0] as string;
        const count =
          (counts.get(listing) ??
            (await context.history.revisions(
              { tenantId: context.tenantId, marketplace: context.marketplace },
              listing,
            ))) + 1;
        counts.set(listing, count);
        if (count > limit)
          violations.push({
            policy: name,
            operationIndex,
            message: `${listing} would be revised ${count} times today; ${context.marketplace} allows ${limit}.`,
            details: { listing, count, limit },
          });
      }
      return violations;
    },
  };
}

/**
 * The policies marketbridge knows for built-in marketplaces, by name: eBay titles up to 80
 * characters, Amazon titles up to 200. (eBay's 250 revisions per listing per day is a
 * configurable safety constraint of the {@link IntegrationValidator}.)
 *
 * @example
 * ```ts
 * BUILTIN_POLICIES.ebay?.map((policy) => policy.name); // ['ebay_title_length']
 * ```
 *
 * @category Compliance
 */
export const BUILTIN_POLICIES: Readonly<Record<string, readonly PolicyRule[]>> = Object.freeze({
  ebay: [maxTitleLengthPolicy('ebay_title_length', 80)],
  amazon: [maxTitleLengthPolicy('amazon_title_length', 200)],
});

/**
 * Options of {@link ComplianceChecker}.
 *
 * @example
 * ```ts
 * const options: ComplianceCheckerOptions = { policies: { 'my-shop': [maxTitleLengthPolicy('titles', 60)] }, store, clock };
 * ```
 *
 * @category Compliance
 */
export interface ComplianceCheckerOptions {
  /** Policies by marketplace name; added to the built-in ones. */
  policies?: Record<string, readonly PolicyRule[]>;
  /** Leave out {@link BUILTIN_POLICIES}. */
  withoutBuiltins?: boolean;
  /** Where executed history lives (default: a new memory store). */
  store?: Store;
  /** The time source (default: the system clock). */
  clock?: Clock;
}

/**
 * Runs a marketplace's policy rules over a batch of planned operations (from
 * `translateSimulationAction`) and returns every violation. A marketplace name matches its
 * policies exactly or by the part before the first dash (`ebay-de` uses `ebay`).
 *
 * @example
 * ```ts
 * const checker = new ComplianceChecker();
 * const report = await checker.check('ebay', actions.map(translateSimulationAction));
 * for (const violation of report.violations) console.log(violation.policy, violation.message);
 * ```
 *
 * @category Compliance
 */
export class ComplianceChecker {
  readonly #policies = new Map<string, PolicyRule[]>();
  readonly #history: ChangeHistory;
  readonly #clock: Clock;

  /** @param options - extra policies, history store and clock */
  constructor(options: ComplianceCheckerOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#history = new ChangeHistory(options.store ?? new MemoryStore({ clock: this.#clock }), this.#clock);
    if (!options.withoutBuiltins)
      for (const [name, rules] of Object.entries(BUILTIN_POLICIES)) this.register(name, rules);
    for (const [name, rules] of Object.entries(options.policies ?? {})) this.register(name, rules);
  }

  /** Adds policies for a marketplace name. */
  register(marketplace: string, policies: readonly PolicyRule[]): this {
    this.#policies.set(marketplace, [...(this.#policies.get(marketplace) ?? []), ...policies]);
    return this;
  }

  /** The policies that apply to `marketplace`. */
  policiesFor(marketplace: string): PolicyRule[] {
    const prefix = marketplace.split('-')[0] ?? marketplace;
    return this.#policies.get(marketplace) ?? this.#policies.get(prefix) ?? [];
  }

  /** Checks a batch; the report lists every violation of every policy. */
  async check(
    marketplace: string,
    operations: readonly PlannedOperation[],
    options: { tenantId?: string; history?: ChangeHistory } = {},
  ): Promise<ComplianceReport> {
    const policies = this.policiesFor(marketplace);
    const context: PolicyContext = {
      marketplace,
      tenantId: options.tenantId ?? 'default',
      history: options.history ?? this.#history,
      now: this.#clock.now(),
    };
    const violations: ComplianceViolation[] = [];
    for (const policy of policies) violations.push(...(await policy.check(operations, context)));
    violations.sort((a, b) => a.operationIndex - b.operationIndex);
    return {
      marketplace,
      compliant: violations.length === 0,
      checked: operations.length,
      policies: policies.map((p) => p.name),
      violations,
    };
  }
}
