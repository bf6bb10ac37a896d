import { err, ok, type Result } from 'neverthrow';
import { createContext, type ResolvedContext } from '../core/context.js';
import { consoleWarningLogger, silentLogger } from '../core/logger.js';
import { createDefaultFactory } from '../core/default-factory.js';
import { isMarketbridgeError } from '../core/errors/marketbridge-error.js';
import type { MarketplaceFactory } from '../core/marketplace-factory.js';
import { failure } from '../core/result.js';
import type { Order } from '../model/order.js';
import {
  selectEnvironment,
  type AdapterMode,
  type ConnectionFailure,
  type ConnectionInfo,
  type MarketplaceConnectionConfig,
} from './adapter/connections.js';
import { judgeUnnamedDelete, resolveActionInput, untranslatable } from './adapter/action-input.js';
import { runAction, type Connection } from './adapter/execution.js';
import { normalizeAction } from './dialect/normalize.js';
import { checkConnections, ExecutionCounters, type AdapterHealth } from './adapter/health.js';
import { KNOWN_PRODUCTION_HOSTS } from './adapter/production-hosts.js';
import { readRealWorldState } from './adapter/read-state.js';
import { paceActions } from './adapter/pacing.js';
import { IntegrationLog, type IntegrationLogEntry, type IntegrationLogQuery } from './adapter/integration-log.js';
import { CatalogIndex } from './adapter/observed.js';
import { anonymiseOrder, privacyRedactor, randomSalt, type PrivacySettings } from './adapter/privacy.js';
import type { ExecuteActionOptions, ExecutionFailure, ExecutionReport } from './adapter/report.js';
import {
  checkAdapterOptions,
  checkErrorHandling,
  checkOptOut,
  checkPrivacy,
  checkRateLimit,
  checkStateSync,
  type AdapterErrorHandling,
  type AdapterRateLimit,
  type AdapterStateSync,
  type RealWorldAdapterOptions,
  type ValidationOptOut,
} from './adapter/settings.js';
import { settleLocalChanges, simulationConflictResolver } from './adapter/conflicts.js';
import {
  diffState,
  type LocalStateChange,
  type RealWorldSnapshot,
  type RealWorldState,
  type SimulationStateUpdate,
} from './adapter/state-sync.js';
import type { ConflictResolver } from '../sync/resolver/conflict-resolver.js';
import type { ManualTaskStore } from '../sync/resolver/manual-tasks.js';
import { IntegrationValidator } from './integration-validator.js';
import { translateSimulationAction, type PlannedOperation } from './translate.js';

/**
 * Moves an agent's actions from simulation to sandbox to live without damage. Every action is
 * validated by the {@link IntegrationValidator}, its prior state recorded, executed, verified by
 * reading back, and on failure or mismatch rolled back with a compensating action; the answer
 * is a `Result` with a full {@link ExecutionReport}.
 *
 * Modes: `simulation` connects offline marketplaces only; `sandbox` resolves every URL a
 * connection would call and refuses any on a known production host of a built-in platform
 * (endpoint overrides included), so each connector must select its sandbox with its own switch;
 * `live` needs `confirmLive: true`. Validation can only be skipped with an explicit opt-out that
 * carries a reason and is logged and reported.
 *
 * @example
 * ```ts
 * const adapter = new RealWorldAdapter({ mode: 'simulation' });
 * await adapter.initializeMarketplaceConnection({ marketplace: 'simulated', config: { seed: 1 } });
 * const result = await adapter.executeAction({ type: 'set_price', sku: 'SKU-00001', price: { amountMinor: 1999, currency: 'EUR' } });
 * if (result.isErr()) console.log(result.error.reason, result.error.report?.rollback);
 * ```
 */
export class RealWorldAdapter {
  /** The dependencies shared with connections and the validator. */
  readonly context: ResolvedContext;
  /** The validator every action passes. */
  readonly validator: IntegrationValidator;
  #mode: AdapterMode;
  readonly #factory: MarketplaceFactory<any>;
  readonly #offline: ReadonlySet<string>;
  readonly #optOut: ValidationOptOut | undefined;
  readonly #connections = new Map<string, Connection>();
  readonly #baseline = new Map<string, RealWorldState>();
  readonly #log: IntegrationLog;
  #privacy: PrivacySettings = { anonymiseCustomerData: true };
  #salt: string;
  #rateLimit: Required<AdapterRateLimit> | undefined;
  #errorHandling = checkErrorHandling({});
  #stateSync = checkStateSync({});
  #resolver: ConflictResolver;
  #lastSyncAt: string | undefined;
  readonly #counters = new ExecutionCounters();

  /** @param options - mode (live needs `confirmLive: true`), factory, validator, context; validated whole */
  constructor(options: RealWorldAdapterOptions) {
    checkAdapterOptions(options);
    // Refused connections, blocked actions and rollbacks are warnings a user must not miss:
    // without a logger of its own the adapter prints them.
    this.context = createContext({ ...options.context, logger: options.context?.logger ?? consoleWarningLogger });
    this.#mode = options.mode;
    this.#factory = options.factory ?? createDefaultFactory();
    // The adapter logs every block itself (with the connection and plan); its own validator
    // shares everything but the logger, so that a block is not reported twice.
    this.validator =
      options.validator ?? new IntegrationValidator({ context: { ...this.context, logger: silentLogger } });
    this.#offline = new Set(options.offlineMarketplaces ?? ['simulated']);
    this.#optOut = options.validation;
    this.#salt = options.privacy?.salt ?? randomSalt();
    if (options.privacy) this.#privacy = { ...this.#privacy, ...checkPrivacy(options.privacy) };
    this.#resolver = simulationConflictResolver(this.#stateSync, this.context);
    this.#log = new IntegrationLog({
      limit: options.logLimit ?? 1000,
      redactor: privacyRedactor(this.#privacy),
      clock: this.context.clock,
      logger: this.context.logger,
    });
    this.#log.write('info', `adapter started in ${this.#mode} mode`, { tenantId: this.context.tenantId });
    if (this.#optOut)
      this.#log.write('warn', `validation SKIPPED for every action: ${this.#optOut.reason}`, { mode: this.#mode });
  }

  /**
   * Conflicts state sync left to a person (`manual`, or a `most_recent` tie with the `manual`
   * tie-breaker), kept in the context's store: list them and record decisions.
   */
  get conflictTasks(): ManualTaskStore {
    return this.#resolver.tasks;
  }

  /** The current mode. */
  get mode(): AdapterMode {
    return this.#mode;
  }

  /**
   * Changes mode. Connections are closed, because they were chosen for the old mode; connect
   * again. Entering live mode needs `{ confirmLive: true }`.
   */
  setMode(mode: AdapterMode, confirmation: { confirmLive?: boolean } = {}): void {
    checkAdapterOptions({ mode, ...confirmation });
    if (mode === this.#mode) return;
    this.#log.write(
      'warn',
      `mode changed from ${this.#mode} to ${mode}; ${this.#connections.size} connection(s) closed`,
    );
    this.#mode = mode;
    this.#connections.clear();
    this.#baseline.clear();
  }

  /** Connects a marketplace through the factory, if the mode allows it. */
  async initializeMarketplaceConnection(
    config: MarketplaceConnectionConfig,
  ): Promise<Result<ConnectionInfo, ConnectionFailure>> {
    const id = config.id ?? config.marketplace;
    if (this.#connections.has(id))
      return err(failure('duplicate_connection', `A connection "${id}" exists; pass another id.`));
    const validated = this.#factory.validateConfig(config.marketplace, config.config ?? {});
    if (validated.isErr())
      return err(failure('invalid_config', validated.error.message, { issues: validated.error.issues }));
    const environment = selectEnvironment({
      mode: this.#mode,
      marketplace: config.marketplace,
      config: config.config,
      validated: validated.value,
      environments: this.#factory.get(config.marketplace)?.environments,
      offline: this.#offline,
      productionHosts: this.#productionHosts(),
    });
    if (environment.isErr()) {
      this.#log.write('warn', `connection to ${config.marketplace} refused: ${environment.error.message}`, {
        reason: environment.error.reason,
      });
      return err(environment.error);
    }
    const api = await this.#factory.create(config.marketplace, config.config ?? {}, this.context);
    const info: ConnectionInfo = {
      id,
      marketplace: config.marketplace,
      platform: api.platform,
      environment: environment.value,
    };
    this.#connections.set(id, {
      info,
      api,
      catalog: new CatalogIndex(api),
      ...(config.currency === undefined ? {} : { currency: config.currency }),
    });
    this.#log.write('info', `connected ${id} (${info.platform}, ${info.environment}) in ${this.#mode} mode`);
    return ok({ ...info });
  }

  /** The open connections. */
  connections(): ConnectionInfo[] {
    return [...this.#connections.values()].map((c) => ({ ...c.info }));
  }

  /**
   * The concrete operation and payload an action becomes, in either vocabulary: a
   * `MarketplaceAction` or a simulation-dialect action (`new_price` in `options.currency`, else
   * the connection's configured or already learned currency). Throws `ValidationError` for an
   * action valid in neither, a price with more decimals than its currency, an unknown currency,
   * or a `bulk_delete` that names no listings.
   */
  translateSimulationAction(action: unknown, options: { currency?: string } = {}): PlannedOperation {
    const named =
      action !== null && typeof action === 'object' ? (action as { marketplace?: unknown }).marketplace : undefined;
    const currency = options.currency ?? this.#connectionFor(typeof named === 'string' ? named : undefined)?.currency;
    const normalized = normalizeAction(action, { currency });
    if (normalized.isErr()) throw untranslatable(normalized.error.message, normalized.error.details?.issues);
    if (normalized.value.kind === 'unnamed_delete')
      throw untranslatable(`bulk_delete of ${normalized.value.count} listing(s) names none of them; give product_ids.`);
    return translateSimulationAction(normalized.value.action);
  }

  /**
   * validate → record prior state → execute → verify by reading back → roll back on failure.
   * Expected outcomes (blocked, failed and rolled back, invalid) are `Err` values with the
   * report; the promise rejects only when the marketplace cannot be read at all. The action may
   * be in the simulation dialect (see `SimulationDialectActionSchema`): prices in the
   * connection's currency, and a `bulk_delete` without ids is judged by the delete caps
   * (`blocked` with their reason) but never executed.
   */
  async executeAction(
    action: unknown,
    options: ExecuteActionOptions = {},
  ): Promise<Result<ExecutionReport, ExecutionFailure>> {
    const optOut = options.validation === undefined ? undefined : checkOptOut(options.validation);
    const resolved = await resolveActionInput(action, (id) => this.#connectionFor(id), [...this.#connections.keys()]);
    if (resolved.isErr()) return err(resolved.error);
    const { connection } = resolved.value;
    if (resolved.value.kind === 'unnamed_delete') {
      const refused = await judgeUnnamedDelete(action, resolved.value.count, connection, this.validator, this.#log);
      if (refused.reason === 'blocked') this.#counters.count('blocked');
      return err(refused);
    }
    const canonical = resolved.value.action;
    let result: Result<ExecutionReport, ExecutionFailure>;
    try {
      result = await runAction(
        {
          connection,
          validator: this.validator,
          log: this.#log,
          context: this.context,
          mode: this.#mode,
          errorHandling: this.#errorHandling,
          optOut: this.#optOut,
          pace: () => paceActions(this.context, this.#rateLimit, connection.info),
        },
        canonical,
        optOut ? { ...options, validation: optOut } : options,
      );
    } catch (error) {
      // A read the marketplace turned out not to support (a connector that declares more than it has).
      if (!isMarketbridgeError(error, 'unsupported_operation')) throw error;
      this.#log.write('warn', `refused ${canonical.type} on ${connection.info.id}: ${error.message}`);
      return err(failure('unsupported_operation', error.message, { operation: error.operation }));
    }
    const status = result.isOk() ? result.value.status : result.error.report?.status;
    if (status !== undefined) this.#counters.count(status);
    return result;
  }

  /** The plan of an action with its before/after diff and validation, without writing. */
  dryRun(
    action: unknown,
    options: Omit<ExecuteActionOptions, 'dryRun'> = {},
  ): Promise<Result<ExecutionReport, ExecutionFailure>> {
    return this.executeAction(action, { ...options, dryRun: true });
  }

  /** Reads canonical listings, inventory and orders of every connection; the baseline for updates. */
  async syncStateFromRealWorld(): Promise<RealWorldSnapshot> {
    const syncedAt = new Date(this.context.clock.now()).toISOString();
    const marketplaces: RealWorldState[] = [];
    for (const connection of this.#connections.values()) {
      const state = await readRealWorldState(connection, this.#stateSync, this.#anonymiser(), syncedAt);
      this.#baseline.set(connection.info.id, state);
      marketplaces.push(structuredClone(state));
    }
    this.#lastSyncAt = syncedAt;
    this.#log.write('info', `synced ${marketplaces.length} marketplace(s) from the real world`, {
      products: marketplaces.reduce((n, m) => n + m.products.length, 0),
    });
    return { syncedAt, marketplaces };
  }

  /**
   * What changed since the last sync (everything, if there was none), with conflicts against the
   * simulation's own changes settled by the {@link ConflictResolver} with the configured
   * strategy; each carries the resolver's explanation. It becomes the new baseline.
   */
  async getStateUpdatesForSimulation(
    options: { localChanges?: readonly LocalStateChange[] } = {},
  ): Promise<SimulationStateUpdate> {
    const since = this.#lastSyncAt;
    const until = new Date(this.context.clock.now()).toISOString();
    const update: SimulationStateUpdate = { until, marketplaces: [], conflicts: [] };
    if (since !== undefined) update.since = since;
    const only = this.#connections.size === 1 ? [...this.#connections.keys()][0] : undefined;
    for (const connection of this.#connections.values()) {
      const current = await readRealWorldState(connection, this.#stateSync, this.#anonymiser(), until);
      const changes = diffState(this.#baseline.get(connection.info.id), current);
      const local = (options.localChanges ?? []).filter((c) => (c.marketplace ?? only) === connection.info.id);
      const conflicts = await settleLocalChanges(
        changes,
        local,
        this.#resolver,
        this.#baseline.get(connection.info.id),
      );
      for (const c of conflicts)
        if (c.resolution === 'manual' || c.resolution === 'unresolved')
          this.#log.write('warn', `conflict on ${c.field} of ${c.key} left undecided: ${c.explanation}`, {
            strategy: c.strategy,
          });
      this.#baseline.set(connection.info.id, current);
      update.marketplaces.push(changes);
      update.conflicts.push(...conflicts);
    }
    this.#lastSyncAt = until;
    this.#log.write(
      'info',
      `state updates for simulation: ${update.marketplaces.length} marketplace(s), ${update.conflicts.length} conflict(s)`,
    );
    return update;
  }

  /** Paces `executeAction` with a token bucket in the context's store; `false` turns pacing off. */
  configureRateLimiting(settings: AdapterRateLimit | false): void {
    this.#rateLimit = settings === false ? undefined : checkRateLimit(settings);
    this.#log.write(
      'info',
      settings === false
        ? 'rate limiting off'
        : `rate limiting at ${settings.ratePerSecond}/s, burst ${settings.burst}`,
    );
  }

  /** Retries of untouched retryable failures, their delay, and whether failures are rolled back. */
  configureErrorHandling(settings: AdapterErrorHandling): void {
    this.#errorHandling = checkErrorHandling({ ...this.#errorHandling, ...settings });
    if (!this.#errorHandling.rollbackOnFailure)
      this.#log.write('warn', 'rollback on failure is OFF: failed writes will be left as they are');
  }

  /**
   * Conflict strategy (any {@link ConflictResolver} strategy, per field if wanted, with its
   * clock-skew tolerance and tie-breaker) and what state sync reads.
   */
  configureStateSync(settings: AdapterStateSync): void {
    this.#stateSync = checkStateSync({ ...this.#stateSync, ...settings });
    this.#resolver = simulationConflictResolver(this.#stateSync, this.context);
  }

  /** What logs leave out and whether customer data handed to simulation is anonymised. */
  configurePrivacySettings(settings: PrivacySettings): void {
    this.#privacy = { ...this.#privacy, ...checkPrivacy(settings) };
    if (settings.salt !== undefined) this.#salt = settings.salt;
    this.#log.setRedactor(privacyRedactor(this.#privacy));
  }

  /** Mode, each connection's health check, counters and the last sync. */
  async getHealthStatus(): Promise<AdapterHealth> {
    const connections = await checkConnections(this.#connections.values());
    const health: AdapterHealth = {
      mode: this.#mode,
      healthy: connections.every((c) => c.ok),
      checkedAt: new Date(this.context.clock.now()).toISOString(),
      validation: this.#optOut ? 'skipped' : 'enforced',
      connections,
      counters: this.#counters.snapshot(),
    };
    if (this.#lastSyncAt !== undefined) health.lastSyncAt = this.#lastSyncAt;
    return health;
  }

  /**
   * Recent integration log entries, redacted, filtered by level (any case: `'ERROR'` is
   * `'error'`), time and count. An unknown level, an unreadable `since` or a `limit` that is not
   * a non-negative integer throws a `ValidationError` rather than silently matching nothing.
   */
  getIntegrationLogs(query: IntegrationLogQuery = {}): IntegrationLogEntry[] {
    return this.#log.read(query);
  }

  #anonymiser(): ((order: Order) => Promise<Order>) | undefined {
    const salt = this.#salt;
    return this.#privacy.anonymiseCustomerData === false ? undefined : (order) => anonymiseOrder(order, salt);
  }

  /** The built-in platforms' production hosts and those every registered definition declares. */
  #productionHosts(): string[] {
    const declared = this.#factory
      .names()
      .flatMap((name) => this.#factory.get(name)?.environments?.productionHosts ?? []);
    return [...new Set([...KNOWN_PRODUCTION_HOSTS, ...declared])];
  }

  #connectionFor(id: string | undefined): Connection | undefined {
    if (id !== undefined) return this.#connections.get(id);
    return this.#connections.size === 1 ? [...this.#connections.values()][0] : undefined;
  }
}
