import type { MarketplaceAction } from '../model/action.js';
import { MoneySchema, type Money } from '../model/money.js';

/**
 * One field on which a simulation action and its real counterpart disagree. Numbers and money
 * carry the difference `real − simulation` (`delta`, in minor units for money) and, when the
 * simulation value is not zero, the relative difference in basis points.
 *
 * @example
 * ```ts
 * const difference: ActionDifference = {
 *   field: 'price', simulation: { amountMinor: 1000, currency: 'EUR' }, real: { amountMinor: 1050, currency: 'EUR' },
 *   delta: 50, deltaBasisPoints: 500, withinTolerance: false,
 * };
 * ```
 *
 * @category Validator
 */
export interface ActionDifference {
  /** Path of the field, e.g. `price`, `quantity`, `product.offers[0].price`, `productIds`. */
  field: string;
  /** The simulation's value (for id lists: the ids only the simulation has). */
  simulation: unknown;
  /** The real value (for id lists: the ids only the real action has). */
  real: unknown;
  /** `real − simulation` for numbers and same-currency money (minor units). */
  delta?: number;
  /** The relative difference in basis points, rounded toward zero. */
  deltaBasisPoints?: number;
  /** Whether the difference is within `toleranceBps` (never for non-numeric differences). */
  withinTolerance: boolean;
}

/**
 * The answer of `IntegrationValidator.validateActionConsistency`.
 *
 * @example
 * ```ts
 * const report: ConsistencyReport = validator.validateActionConsistency(simAction, realAction);
 * if (!report.consistent) console.table(report.differences);
 * ```
 *
 * @category Validator
 */
export interface ConsistencyReport {
  /** True when no field differs. */
  consistent: boolean;
  /** True when every difference is numeric and within tolerance. */
  withinTolerance: boolean;
  /** The tolerance used, in basis points. */
  toleranceBps: number;
  /** Every field that differs, in path order. */
  differences: ActionDifference[];
  /** The largest relative difference found, in basis points (0 when none). */
  maxDeltaBasisPoints: number;
}

/**
 * Options of the consistency check.
 *
 * @example
 * ```ts
 * const options: ConsistencyOptions = { toleranceBps: 100, ignore: ['id', 'marketplace'] };
 * ```
 *
 * @category Validator
 */
export interface ConsistencyOptions {
  /** Relative difference still considered equivalent, in basis points (default 0). */
  toleranceBps?: number;
  /** The currency of simulation-dialect prices (default: the other side's price currency). */
  currency?: string;
  /** Top-level fields to leave out (default: `id` and `marketplace`, which differ by design). */
  ignore?: readonly string[];
}

const isMoney = (value: unknown): value is Money => MoneySchema.safeParse(value).success;
const isPrimitive = (value: unknown) => value === null || typeof value !== 'object';

function relative(simulation: number, delta: number): number | undefined {
  if (simulation === 0) return undefined;
  return Number((BigInt(Math.trunc(delta)) * 10_000n) / BigInt(Math.abs(Math.trunc(simulation))));
}

function compare(
  path: string,
  simulation: unknown,
  real: unknown,
  toleranceBps: number,
  out: ActionDifference[],
): void {
  if (isMoney(simulation) && isMoney(real)) {
    if (simulation.currency !== real.currency) {
      out.push({
        field: `${path}.currency`,
        simulation: simulation.currency,
        real: real.currency,
        withinTolerance: false,
      });
      return;
    }
    compareNumbers(path, simulation.amountMinor, real.amountMinor, toleranceBps, out, { simulation, real });
    return;
  }
  if (typeof simulation === 'number' && typeof real === 'number') {
    compareNumbers(path, simulation, real, toleranceBps, out);
    return;
  }
  if (Array.isArray(simulation) && Array.isArray(real) && simulation.every(isPrimitive) && real.every(isPrimitive)) {
    const onlySim = simulation.filter((item) => !real.includes(item));
    const onlyReal = real.filter((item) => !simulation.includes(item));
    if (onlySim.length || onlyReal.length)
      out.push({
        field: path,
        simulation: onlySim,
        real: onlyReal,
        delta: real.length - simulation.length,
        withinTolerance: false,
      });
    return;
  }
  if (simulation && real && typeof simulation === 'object' && typeof real === 'object') {
    const keys = [...new Set([...Object.keys(simulation), ...Object.keys(real)])].sort();
    for (const key of keys) {
      const child = Array.isArray(simulation) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      compare(
        child,
        (simulation as Record<string, unknown>)[key],
        (real as Record<string, unknown>)[key],
        toleranceBps,
        out,
      );
    }
    return;
  }
  if (simulation !== real) out.push({ field: path, simulation, real, withinTolerance: false });
}

function compareNumbers(
  path: string,
  simulation: number,
  real: number,
  toleranceBps: number,
  out: ActionDifference[],
  values?: { simulation: Money; real: Money },
): void {
  if (simulation === real) return;
  const delta = real - simulation;
  const deltaBasisPoints = relative(simulation, delta);
  const difference: ActionDifference = {
    field: path,
    simulation: values?.simulation ?? simulation,
    real: values?.real ?? real,
    delta,
    withinTolerance: deltaBasisPoints !== undefined && Math.abs(deltaBasisPoints) <= toleranceBps,
  };
  if (deltaBasisPoints !== undefined) difference.deltaBasisPoints = deltaBasisPoints;
  out.push(difference);
}

/**
 * Compares a simulation action with the real action taken for it, field by field. See
 * `IntegrationValidator.validateActionConsistency`.
 *
 * @example
 * ```ts
 * compareActions(
 *   { type: 'set_price', sku: 'A', price: { amountMinor: 1000, currency: 'EUR' } },
 *   { type: 'set_price', sku: 'A', price: { amountMinor: 1010, currency: 'EUR' } },
 *   { toleranceBps: 200 },
 * ).withinTolerance; // true (1 %)
 * ```
 *
 * @category Validator
 */
export function compareActions(
  simulation: MarketplaceAction,
  real: MarketplaceAction,
  options: ConsistencyOptions = {},
): ConsistencyReport {
  return compareRecords(simulation, real, options);
}

/**
 * {@link compareActions} for any two records: field by field, money by amount within one
 * currency, id lists as sets, top-level `ignore` fields left out.
 *
 * @example
 * ```ts
 * compareRecords({ operation: 'updatePrices', payload: [a] }, { operation: 'updatePrices', payload: [b] }, { ignore: ['summary'] });
 * ```
 *
 * @category Validator
 */
export function compareRecords(simulation: object, real: object, options: ConsistencyOptions = {}): ConsistencyReport {
  const toleranceBps = options.toleranceBps ?? 0;
  const ignore = new Set(options.ignore ?? ['id', 'marketplace']);
  const strip = (record: object) => Object.fromEntries(Object.entries(record).filter(([key]) => !ignore.has(key)));
  const differences: ActionDifference[] = [];
  compare('', strip(simulation), strip(real), toleranceBps, differences);
  const maxDeltaBasisPoints = differences.reduce((max, d) => Math.max(max, Math.abs(d.deltaBasisPoints ?? 0)), 0);
  return {
    consistent: differences.length === 0,
    withinTolerance: differences.every((d) => d.withinTolerance),
    toleranceBps,
    differences,
    maxDeltaBasisPoints,
  };
}
