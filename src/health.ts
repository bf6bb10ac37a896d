/**
 * Health for hosts: {@link healthReport} aggregates connections, circuit breakers, rate-limit
 * budgets, job queues and stream lag into one JSON report for a route or a probe, with no
 * framework and no peer dependency.
 *
 * @example
 * ```ts
 * import { healthReport } from 'marketbridge/health';
 *
 * const report = await healthReport({ connections: { shop }, queues: { jobs: scheduler } });
 * ```
 *
 * @module marketbridge/health
 */
export {
  healthReport,
  type HealthInputs,
  type HealthReport,
  type LimiterSource,
  type QueueCountsSource,
  type LagSource,
} from './health/health-report.js';
export { budgetUsage, type BudgetUsage } from './health/budgets.js';
