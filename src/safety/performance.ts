import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';
import { MoneySchema, type Money } from '../model/money.js';

/**
 * A metric value: a plain number (units sold, conversion rate, orders) or {@link Money}
 * (revenue, profit), compared exactly in minor units.
 *
 * @category Validator
 */
export type MetricValue = number | Money;

/**
 * Tolerances in basis points (5 % = 500): one for every metric, or a default and per-metric
 * overrides.
 *
 * @category Validator
 */
export type PerformanceTolerance = number | { defaultBps?: number; metrics?: Record<string, number> };

/**
 * Input of `IntegrationValidator.compareSimulationVsRealPerformance`.
 *
 * @example
 * ```ts
 * const input: PerformanceComparisonInput = {
 *   simulationResults: { unitsSold: 100 },
 *   realWorldResults: { unitsSold: 96 },
 *   tolerance: 500,
 * };
 * ```
 *
 * @category Validator
 */
export interface PerformanceComparisonInput {
  simulationResults: Record<string, MetricValue>;
  realWorldResults: Record<string, MetricValue>;
  tolerance: PerformanceTolerance;
}

/**
 * How one metric compares. `status` is `equal`, `within_tolerance`, `outside_tolerance`,
 * `missing` (one side lacks it) or `incomparable` (different currencies).
 *
 * @example
 * ```ts
 * const row: MetricComparison = {
 *   metric: 'unitsSold', simulation: 100, real: 96, delta: -4, deltaBasisPoints: -400,
 *   toleranceBps: 500, withinTolerance: true, status: 'within_tolerance',
 * };
 * ```
 *
 * @category Validator
 */
export interface MetricComparison {
  metric: string;
  simulation: MetricValue | undefined;
  real: MetricValue | undefined;
  /** `real − simulation` (minor units for money). */
  delta?: number;
  /** The relative difference in basis points, rounded toward zero; `null` when the simulation value is 0 and the real one is not. */
  deltaBasisPoints?: number | null;
  toleranceBps: number;
  withinTolerance: boolean;
  status: 'equal' | 'within_tolerance' | 'outside_tolerance' | 'missing' | 'incomparable';
}

/**
 * The answer of `IntegrationValidator.compareSimulationVsRealPerformance`.
 *
 * @example
 * ```ts
 * const comparison: PerformanceComparison = validator.compareSimulationVsRealPerformance(input);
 * if (!comparison.withinTolerance) console.table(comparison.metrics.filter((m) => !m.withinTolerance));
 * ```
 *
 * @category Validator
 */
export interface PerformanceComparison {
  /** One row per metric on either side, sorted by name. */
  metrics: MetricComparison[];
  /** True when every metric is within tolerance. */
  withinTolerance: boolean;
  /** Counts by outcome. */
  summary: { compared: number; withinTolerance: number; outsideTolerance: number; missing: number };
}

function toleranceFor(tolerance: PerformanceTolerance, metric: string): number {
  return typeof tolerance === 'number' ? tolerance : (tolerance.metrics?.[metric] ?? tolerance.defaultBps ?? 0);
}

function checkInput(input: PerformanceComparisonInput): void {
  const issues: ValidationIssue[] = [];
  const bps = (value: unknown, path: (string | number)[]) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      issues.push({ path, message: 'Expected basis points: a non-negative integer (5 % = 500).' });
  };
  for (const side of ['simulationResults', 'realWorldResults'] as const) {
    const results = input?.[side];
    if (!results || typeof results !== 'object')
      issues.push({ path: [side], message: 'Expected an object of metric values.' });
    else
      for (const [metric, value] of Object.entries(results)) {
        if (!(typeof value === 'number' && Number.isFinite(value)) && !MoneySchema.safeParse(value).success)
          issues.push({ path: [side, metric], message: 'Expected a finite number or Money.' });
      }
  }
  const tolerance = input?.tolerance;
  if (typeof tolerance === 'number') bps(tolerance, ['tolerance']);
  else if (tolerance && typeof tolerance === 'object') {
    if (tolerance.defaultBps !== undefined) bps(tolerance.defaultBps, ['tolerance', 'defaultBps']);
    for (const [metric, value] of Object.entries(tolerance.metrics ?? {})) bps(value, ['tolerance', 'metrics', metric]);
  } else issues.push({ path: ['tolerance'], message: 'Expected basis points, or { defaultBps, metrics }.' });
  if (issues.length) throw new ValidationError('performance comparison input', issues);
}

function compareOne(
  metric: string,
  simulation: MetricValue | undefined,
  real: MetricValue | undefined,
  toleranceBps: number,
): MetricComparison {
  const row = { metric, simulation, real, toleranceBps };
  if (simulation === undefined || real === undefined) return { ...row, withinTolerance: false, status: 'missing' };
  const simMoney = typeof simulation === 'object';
  const realMoney = typeof real === 'object';
  if (simMoney !== realMoney || (simMoney && realMoney && simulation.currency !== real.currency))
    return { ...row, withinTolerance: false, status: 'incomparable' };
  let delta: number;
  let deltaBasisPoints: number | null;
  if (typeof simulation === 'object' && typeof real === 'object') {
    delta = real.amountMinor - simulation.amountMinor;
    deltaBasisPoints =
      simulation.amountMinor === 0
        ? delta === 0
          ? 0
          : null
        : Number((BigInt(delta) * 10_000n) / BigInt(Math.abs(simulation.amountMinor)));
  } else {
    const a = simulation as number;
    delta = (real as number) - a;
    deltaBasisPoints = a === 0 ? (delta === 0 ? 0 : null) : Math.trunc((delta / Math.abs(a)) * 10_000);
  }
  if (delta === 0) return { ...row, delta, deltaBasisPoints: 0, withinTolerance: true, status: 'equal' };
  const within = deltaBasisPoints !== null && Math.abs(deltaBasisPoints) <= toleranceBps;
  return {
    ...row,
    delta,
    deltaBasisPoints,
    withinTolerance: within,
    status: within ? 'within_tolerance' : 'outside_tolerance',
  };
}

/**
 * Compares metrics measured in simulation with the same metrics measured live. See
 * `IntegrationValidator.compareSimulationVsRealPerformance`.
 *
 * @example
 * ```ts
 * comparePerformance({ simulationResults: { orders: 50 }, realWorldResults: { orders: 40 }, tolerance: 1000 }).withinTolerance; // false: −20 % is beyond 10 %
 * ```
 *
 * @category Validator
 */
export function comparePerformance(input: PerformanceComparisonInput): PerformanceComparison {
  checkInput(input);
  const names = [...new Set([...Object.keys(input.simulationResults), ...Object.keys(input.realWorldResults)])].sort();
  const metrics = names.map((metric) =>
    compareOne(
      metric,
      input.simulationResults[metric],
      input.realWorldResults[metric],
      toleranceFor(input.tolerance, metric),
    ),
  );
  const count = (status: MetricComparison['status'][]) => metrics.filter((m) => status.includes(m.status)).length;
  return {
    metrics,
    withinTolerance: metrics.every((m) => m.withinTolerance),
    summary: {
      compared: metrics.length,
      withinTolerance: count(['equal', 'within_tolerance']),
      outsideTolerance: count(['outside_tolerance', 'incomparable']),
      missing: count(['missing']),
    },
  };
}
