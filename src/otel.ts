/**
 * OpenTelemetry for marketbridge: {@link instrumentMarketbridge} listens to the typed events
 * of a context and records spans (one per operation and per HTTP attempt) and metrics
 * (requests, latency, throttling, retries, circuit state, limiter wait, quota utilisation,
 * webhook outcomes, sync progress, stream lag). Secrets never reach an attribute: URLs,
 * headers and bodies are not recorded. Needs the optional peer dependency `@opentelemetry/api`;
 * register your SDK's providers as usual, or pass a tracer and a meter.
 *
 * @example
 * ```ts
 * import { instrumentMarketbridge } from 'marketbridge/otel';
 *
 * const events = new EventBus();
 * const telemetry = instrumentMarketbridge({ events });
 * const shop = await factory.create('shopify', config, { events });
 * ```
 *
 * @module marketbridge/otel
 */
export { instrumentMarketbridge, type InstrumentOptions, type Instrumentation } from './otel/instrument.js';
export { budgetUsage, type BudgetUsage } from './health/budgets.js';
export type { LimiterSource } from './health/health-report.js';
