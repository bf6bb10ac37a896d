/**
 * The safety layer: the `IntegrationValidator` (built-in and custom constraints, consistency and
 * performance comparison), the `ComplianceChecker` for platform policies, and the
 * `RealWorldAdapter` that takes an agent's actions from simulation to sandbox to live with
 * validation, verification by read-back and rollback.
 *
 * @example
 * ```ts
 * import { RealWorldAdapter } from 'marketbridge/safety';
 * const adapter = new RealWorldAdapter({ mode: 'simulation' });
 * await adapter.initializeMarketplaceConnection({ marketplace: 'simulated', config: { seed: 1 } });
 * ```
 *
 * @module marketbridge/safety
 */
export * from './translate.js';
export * from './facts.js';
export * from './constraints.js';
export * from './history.js';
export * from './rule.js';
export * from './rules/builtin.js';
export * from './compliance.js';
export * from './consistency.js';
export * from './dialect/schema.js';
export * from './dialect/normalize.js';
export { compareActionInputs } from './dialect/consistency-inputs.js';
export * from './performance.js';
export * from './validator-types.js';
export * from './integration-validator.js';
export * from './real-world-adapter.js';
export type {
  AdapterMode,
  ConnectionEnvironment,
  ConnectionRefusal,
  MarketplaceConnectionConfig,
  ConnectionInfo,
  ConnectionFailure,
  EnvironmentSelection,
} from './adapter/connections.js';
export { selectEnvironment } from './adapter/connections.js';
export { KNOWN_PRODUCTION_HOSTS } from './adapter/production-hosts.js';
export { connectionEndpoints, type ConnectionEndpoint } from './adapter/endpoint-scan.js';
export type { IntegrationLogLevel, IntegrationLogEntry, IntegrationLogQuery } from './adapter/integration-log.js';
export type { ObservedState, StateDifference } from './adapter/observed.js';
export type { PrivacySettings } from './adapter/privacy.js';
export type {
  ExecutionErrorInfo,
  ValidationOutcome,
  RollbackReport,
  ExecutionReport,
  ExecutionFailure,
  ExecuteActionOptions,
} from './adapter/report.js';
export type {
  ValidationOptOut,
  RealWorldAdapterOptions,
  AdapterRateLimit,
  AdapterErrorHandling,
  AdapterStateSync,
  AdapterSettings,
  AdapterSettingsInput,
  CheckedStateSync,
} from './adapter/settings.js';
export type {
  SimulationConflictResolution,
  LocalStateChange,
  SimulationStateConflict,
  RealWorldState,
  RealWorldSnapshot,
  MarketplaceStateUpdate,
  SimulationStateUpdate,
} from './adapter/state-sync.js';
export type { AdapterHealth } from './adapter/health.js';
