import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../core/result.js';

/**
 * How a `RealWorldAdapter` may act:
 * - `simulation`: offline marketplaces only (the simulated marketplace), no network;
 * - `sandbox`: connectors on their sandbox endpoints, selected by their configuration;
 * - `live`: real marketplaces; entering it needs `confirmLive: true`.
 *
 * @example
 * ```ts
 * const mode: AdapterMode = 'sandbox';
 * ```
 */
export type AdapterMode = 'simulation' | 'sandbox' | 'live';

/**
 * Where a connection points: an offline stand-in, a sandbox, or production.
 *
 * @example
 * ```ts
 * const environment: ConnectionEnvironment = 'sandbox';
 * ```
 */
export type ConnectionEnvironment = 'offline' | 'sandbox' | 'production';

/**
 * Why a connection was refused in the adapter's mode.
 *
 * @example
 * ```ts
 * const reason: ConnectionRefusal = 'sandbox_not_selected';
 * ```
 */
export type ConnectionRefusal = 'simulation_only' | 'sandbox_not_selected' | 'invalid_config' | 'duplicate_connection';

/**
 * What to connect: a marketplace registered in the adapter's factory and its configuration.
 * Connector configurations select their endpoint themselves: `environment: 'sandbox' |
 * 'production'` or an endpoint override (`endpoint`, `baseUrl`, `endpoints`, `apiBaseUrl`).
 *
 * @example
 * ```ts
 * await adapter.initializeMarketplaceConnection({ marketplace: 'ebay', config: { environment: 'sandbox', ...credentials } });
 * await adapter.initializeMarketplaceConnection({ id: 'sim-eu', marketplace: 'simulated', config: { seed: 7 } });
 * ```
 */
export interface MarketplaceConnectionConfig {
  /** The name the marketplace is registered under in the factory. */
  marketplace: string;
  /** The definition's configuration (validated by its schema). */
  config?: unknown;
  /** The connection's id, used by actions' `marketplace` field (default: `marketplace`). */
  id?: string;
}

/**
 * A connection the adapter holds.
 *
 * @example
 * ```ts
 * const info: ConnectionInfo = (await adapter.initializeMarketplaceConnection({ marketplace: 'simulated' }))._unsafeUnwrap();
 * console.log(info.id, info.environment);
 * ```
 */
export interface ConnectionInfo {
  id: string;
  /** The registered marketplace name. */
  marketplace: string;
  /** The platform name the instance reports. */
  platform: string;
  environment: ConnectionEnvironment;
}

/**
 * Why `initializeMarketplaceConnection` refused.
 *
 * @example
 * ```ts
 * const result = await adapter.initializeMarketplaceConnection({ marketplace: 'shopify', config });
 * if (result.isErr()) console.log(result.error.reason);
 * ```
 */
export type ConnectionFailure = Failure<ConnectionRefusal>;

const ENDPOINT_KEYS = ['endpoint', 'baseUrl', 'endpoints', 'apiBaseUrl'];

/**
 * Decides whether a marketplace may be connected in `mode`, and in which environment.
 *
 * @example
 * ```ts
 * selectEnvironment('sandbox', 'ebay', { environment: 'sandbox' }, new Set(['simulated'])); // Ok('sandbox')
 * ```
 */
export function selectEnvironment(
  mode: AdapterMode,
  marketplace: string,
  config: unknown,
  offline: ReadonlySet<string>,
): Result<ConnectionEnvironment, ConnectionFailure> {
  if (offline.has(marketplace)) return ok('offline');
  if (mode === 'simulation') {
    return err(failure('simulation_only', `Simulation mode only connects offline marketplaces (${[...offline].join(', ')}); "${marketplace}" would reach the network. Switch to sandbox mode to use its sandbox.`));
  }
  const fields = config && typeof config === 'object' ? (config as Record<string, unknown>) : {};
  const environment = fields.environment;
  const override = ENDPOINT_KEYS.some((key) => fields[key] !== undefined);
  if (mode === 'sandbox') {
    if (environment === 'sandbox' || (override && environment !== 'production')) return ok('sandbox');
    return err(failure('sandbox_not_selected', `Sandbox mode needs "${marketplace}" pointed at its sandbox: set environment: 'sandbox' (or an endpoint override) in its configuration.`));
  }
  return ok(environment === 'sandbox' ? 'sandbox' : 'production');
}
