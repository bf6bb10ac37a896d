import { err, ok, type Result } from 'neverthrow';
import type { MarketplaceEnvironments } from '../../core/environments.js';
import { failure, type Failure } from '../../core/result.js';
import { connectionEndpoints, type ConnectionEndpoint } from './endpoint-scan.js';

/**
 * How a `RealWorldAdapter` may act:
 * - `simulation`: offline marketplaces only (the simulated marketplace), no network;
 * - `sandbox`: connectors on their sandbox endpoints, selected by their configuration;
 * - `live`: real marketplaces; entering it needs `confirmLive: true`.
 *
 * @category Real-world adapter
 */
export type AdapterMode = 'simulation' | 'sandbox' | 'live';

/**
 * Where a connection points: an offline stand-in, a sandbox (no URL on a known production
 * host), or production.
 *
 * @category Real-world adapter
 */
export type ConnectionEnvironment = 'offline' | 'sandbox' | 'production';

/**
 * Why a connection was refused in the adapter's mode: `simulation_only` (it would reach the
 * network), `sandbox_not_selected` (a connector without an `environments` declaration whose
 * configuration selects no sandbox), `production_endpoint` (sandbox mode, and a URL it would
 * call is a known production host), `invalid_config`, `duplicate_connection`.
 *
 * @category Real-world adapter
 */
export type ConnectionRefusal =
  | 'simulation_only'
  | 'sandbox_not_selected'
  | 'production_endpoint'
  | 'invalid_config'
  | 'duplicate_connection';

/**
 * What to connect: a marketplace registered in the adapter's factory and its configuration.
 * Each connector selects its sandbox with its own switch (Amazon `sandbox: true`, eBay
 * `environment: 'sandbox'`; Shopify, MercadoLibre and the Creators API, which have no sandbox
 * host, endpoints on a non-production host); a marketplace without an `environments`
 * declaration uses `environment: 'sandbox'` or an endpoint override (`endpoint`, `baseUrl`,
 * `endpoints`, `apiBaseUrl`).
 *
 * @example
 * ```ts
 * await adapter.initializeMarketplaceConnection({ marketplace: 'amazon', config: { sandbox: true, ...credentials } });
 * await adapter.initializeMarketplaceConnection({ id: 'sim-eu', marketplace: 'simulated', config: { seed: 7 } });
 * ```
 *
 * @category Real-world adapter
 */
export interface MarketplaceConnectionConfig {
  /** The name the marketplace is registered under in the factory. */
  marketplace: string;
  /** The definition's configuration (validated by its schema). */
  config?: unknown;
  /** The connection's id, used by actions' `marketplace` field (default: `marketplace`). */
  id?: string;
  /** The currency of simulation-dialect prices that name none (default: learned from the catalog). */
  currency?: string;
}

/**
 * A connection the adapter holds.
 *
 * @example
 * ```ts
 * const info: ConnectionInfo = (await adapter.initializeMarketplaceConnection({ marketplace: 'simulated' }))._unsafeUnwrap();
 * console.log(info.id, info.environment);
 * ```
 *
 * @category Real-world adapter
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
 *
 * @category Real-world adapter
 */
export type ConnectionFailure = Failure<ConnectionRefusal>;

const ENDPOINT_KEYS = ['endpoint', 'baseUrl', 'endpoints', 'apiBaseUrl'];

/**
 * What {@link selectEnvironment} decides on: the adapter's mode, the marketplace and its
 * configuration (as given and as validated by its schema), the definition's `environments`
 * declaration and the hosts known to be production.
 *
 * @category Real-world adapter
 */
export interface EnvironmentSelection {
  mode: AdapterMode;
  marketplace: string;
  /** The configuration as the caller gave it. */
  config: unknown;
  /** The configuration after the definition's schema (defaults filled in). */
  validated: unknown;
  environments?: MarketplaceEnvironments | undefined;
  offline: ReadonlySet<string>;
  productionHosts: readonly string[];
}

const list = (endpoints: readonly ConnectionEndpoint[]) => endpoints.map((e) => `${e.role} ${e.origin}`).join(', ');

/**
 * Decides whether a marketplace may be connected in the adapter's mode, and in which
 * environment. Simulation mode takes offline marketplaces only. Sandbox mode resolves every
 * URL the connection would call (the definition's `environments`, or the URL-valued fields of
 * a configuration without one) and refuses any on a known production host, endpoint
 * overrides included (`production_endpoint`); a definition without a declaration must also
 * select its sandbox with `environment: 'sandbox'` or an endpoint override.
 *
 * @example
 * ```ts
 * selectEnvironment({ mode: 'sandbox', marketplace: 'amazon', config, validated, environments: amazonEnvironments, offline, productionHosts: KNOWN_PRODUCTION_HOSTS });
 * // Err({ reason: 'production_endpoint', ... }) unless config.sandbox is true
 * ```
 *
 * @category Real-world adapter
 */
export function selectEnvironment(input: EnvironmentSelection): Result<ConnectionEnvironment, ConnectionFailure> {
  const { mode, marketplace, environments, offline } = input;
  if (offline.has(marketplace) || environments?.offline === true) return ok('offline');
  if (mode === 'simulation') {
    return err(
      failure(
        'simulation_only',
        `Simulation mode only connects offline marketplaces (${[...offline].join(', ')}); "${marketplace}" would reach the network. Switch to sandbox mode to use its sandbox.`,
      ),
    );
  }
  const endpoints = connectionEndpoints(environments, input.validated, input.config, input.productionHosts);
  const production = endpoints.filter((endpoint) => endpoint.production);
  const fields = input.config && typeof input.config === 'object' ? (input.config as Record<string, unknown>) : {};
  const environment = fields.environment;
  if (mode === 'sandbox') {
    if (production.length > 0) {
      const hint =
        environments?.sandboxHint ??
        "set environment: 'sandbox' and point every endpoint override at a non-production host";
      return err(
        failure(
          'production_endpoint',
          `Sandbox mode refuses "${marketplace}": it would call production (${list(production)}). To use its sandbox, ${hint}.`,
          {
            endpoints: production.map(({ role, origin }) => ({ role, origin })),
          },
        ),
      );
    }
    if (environments) return ok('sandbox');
    const override = ENDPOINT_KEYS.some((key) => fields[key] !== undefined);
    if (environment === 'sandbox' || (override && environment !== 'production')) return ok('sandbox');
    return err(
      failure(
        'sandbox_not_selected',
        `Sandbox mode needs "${marketplace}" pointed at its sandbox: set environment: 'sandbox' (or an endpoint override) in its configuration.`,
      ),
    );
  }
  if (production.length > 0) return ok('production');
  if (environments) return ok('sandbox');
  return ok(environment === 'sandbox' ? 'sandbox' : 'production');
}
