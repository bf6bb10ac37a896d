import { err, ok, type Result } from 'neverthrow';
import { createContext, type ResolvedContext } from '../core/context.js';
import { consoleWarningLogger, silentLogger } from '../core/logger.js';
import { createDefaultFactory } from '../core/default-factory.js';
import { isMarketbridgeError } from '../core/errors/marketbridge-error.js';
import type { DefinitionMap, MarketplaceFactory } from '../core/marketplace-factory.js';
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
import type { Redactor } from '../core/errors/redact.js';
import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';
import type { ExecuteActionOptions, ExecutionFailure, ExecutionReport } from './adapter/report.js';
import {
  checkAdapterOptions,
  checkOptOut,
  settleAdapterSettings,
  type AdapterErrorHandling,
  type AdapterRateLimit,
  type AdapterSettings,
  type AdapterSettingsInput,
  type AdapterStateSync,
  type RealWorldAdapterOptions,
  type SettledAdapterSettings,
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

const SETTINGS_NAMES: Record<keyof AdapterSettingsInput, string> = {
  rateLimit: 'rate limiting settings',
  errorHandling: 'error handling settings',
  stateSync: 'state sync settings',
  privacy: 'privacy settings',
};

/** The settings in force and what is built from them, replaced whole (never changed in place). */
interface SettingsInForce {
  readonly settled: SettledAdapterSettings;
  readonly resolver: ConflictResolver;
  readonly redactor: Redactor;
}

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
 * Settings (`rateLimit`, `errorHandling`, `stateSync`, `privacy`) are best given to the
 * constructor: they are validated there with the other options, every problem at once, and
 * held in one frozen {@link AdapterSettings} object (`adapter.settings`). Each `executeAction`
 * (and each state sync) takes the settings in force when it starts and keeps them to its end.
 * The `configure*` methods remain: each validates its part and replaces the whole settings
 * object at once, for the actions that start afterwards; on bad input it throws and changes
 * nothing.
 *
 * @example
 * ```ts
 * const adapter = new RealWorldAdapter({ mode: 'simulation' });
 * await adapter.initializeMarketplaceConnection({ marketplace: 'simulated', config: { seed: 1 } });
 * const result = await adapter.executeAction({ type: 'set_price', sku: 'SKU-00001', price: { amountMinor: 1999, currency: 'EUR' } });
 * if (result.isErr()) console.log(result.error.reason, result.error.report?.rollback);
 * ```
 *
 * @category Real-world adapter
 */
export class RealWorldAdapter {
  /** The dependencies shared with connections and the validator. */
  readonly context: ResolvedContext;
  /** The validator every action passes. */
  readonly validator: IntegrationValidator;
  #mode: AdapterMode;
  readonly #factory: MarketplaceFactory<DefinitionMap>;
  readonly #offline: ReadonlySet<string>;
  readonly #optOut: ValidationOptOut | undefined;
  readonly #connections = new Map<string, Connection>();
  readonly #baseline = new Map<string, RealWorldState>();
  readonly #log: IntegrationLog;
  #current: SettingsInForce;
  #lastSyncAt: string | undefined;
  readonly #counters = new ExecutionCounters();

  /**
   * @param options - mode (live needs `confirmLive: true`), factory, validator, context and the
   *   four settings; validated whole (a `ValidationError` lists every problem)
   */
  constructor(options: RealWorldAdapterOptions) {
    const problems: ValidationIssue[] = [];
    const collect = <T>(check: () => T): T | undefined => {
      try {
        return check();
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        problems.push(...error.issues);
        return undefined;
      }
    };
    collect(() => checkAdapterOptions(options));
    const input: AdapterSettingsInput = {};
    if (options.rateLimit !== undefined) input.rateLimit = options.rateLimit;
    if (options.errorHandling !== undefined) input.errorHandling = options.errorHandling;
    if (options.stateSync !== undefined) input.stateSync = options.stateSync;
    if (options.privacy !== undefined) input.privacy = options.privacy;
    const settled = collect(() => settleAdapterSettings(input, undefined, randomSalt()));
    if (problems.length > 0 || settled === undefined) throw new ValidationError('RealWorldAdapter options', problems);
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
    this.#current = {
      settled,
      resolver: simulationConflictResolver(settled.visible.stateSync, this.context),
      redactor: privacyRedactor(settled.privacy),
    };
    this.#log = new IntegrationLog({
      limit: options.logLimit ?? 1000,
      redactor: this.#current.redactor,
      clock: this.context.clock,
      logger: this.context.logger,
    });
    this.#log.write('info', `adapter started in ${this.#mode} mode`, { tenantId: this.context.tenantId });
    if (this.#optOut)
      this.#log.write('warn', `validation SKIPPED for every action: ${this.#optOut.reason}`, { mode: this.#mode });
    if (input.rateLimit !== undefined) this.#logRateLimit();
    if (!settled.visible.errorHandling.rollbackOnFailure) this.#logRollbackOff();
  }

  /**
   * The settings in force, frozen (privacy secrets and the salt are held but not shown). Read
   * it again after a `configure*` call: each call replaces the whole object.
   *
   * @example
   * ```ts
   * const adapter = new RealWorldAdapter({ mode: 'simulation', rateLimit: { ratePerSecond: 2, burst: 5 } });
   * adapter.settings.rateLimit; // { ratePerSecond: 2, burst: 5, scope: 'connection' }
   * Object.isFrozen(adapter.settings); // true
   * ```
   */
  get settings(): AdapterSettings {
    return this.#current.settled.visible;
  }

  /**
   * Conflicts state sync left to a person (`manual`, or a `most_recent` tie with the `manual`
   * tie-breaker), kept in the context's store: list them and record decisions.
   */
  get conflictTasks(): ManualTaskStore {
    return this.#current.resolver.tasks;
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
    // The settings this action runs with, whatever configure* calls happen while it runs.
    const { settled, redactor } = this.#current;
    const log = this.#log.withRedactor(redactor);
    const rateLimit = settled.visible.rateLimit === false ? undefined : settled.visible.rateLimit;
    const optOut = options.validation === undefined ? undefined : checkOptOut(options.validation);
    const resolved = await resolveActionInput(action, (id) => this.#connectionFor(id), [...this.#connections.keys()]);
    if (resolved.isErr()) return err(resolved.error);
    const { connection } = resolved.value;
    if (resolved.value.kind === 'unnamed_delete') {
      const refused = await judgeUnnamedDelete(action, resolved.value.count, connection, this.validator, log);
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
          log,
          context: this.context,
          mode: this.#mode,
          errorHandling: settled.visible.errorHandling,
          optOut: this.#optOut,
          pace: () => paceActions(this.context, rateLimit, connection.info),
        },
        canonical,
        optOut ? { ...options, validation: optOut } : options,
      );
    } catch (error) {
      // A read the marketplace turned out not to support (a connector that declares more than it has).
      if (!isMarketbridgeError(error, 'unsupported_operation')) throw error;
      log.write('warn', `refused ${canonical.type} on ${connection.info.id}: ${error.message}`);
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
    const { settled, redactor } = this.#current;
    const log = this.#log.withRedactor(redactor);
    const syncedAt = new Date(this.context.clock.now()).toISOString();
    const marketplaces: RealWorldState[] = [];
    for (const connection of this.#connections.values()) {
      const state = await readRealWorldState(
        connection,
        settled.visible.stateSync,
        this.#anonymiser(settled),
        syncedAt,
      );
      this.#baseline.set(connection.info.id, state);
      marketplaces.push(structuredClone(state));
    }
    this.#lastSyncAt = syncedAt;
    log.write('info', `synced ${marketplaces.length} marketplace(s) from the real world`, {
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
    const { settled, resolver, redactor } = this.#current;
    const log = this.#log.withRedactor(redactor);
    const since = this.#lastSyncAt;
    const until = new Date(this.context.clock.now()).toISOString();
    const update: SimulationStateUpdate = { until, marketplaces: [], conflicts: [] };
    if (since !== undefined) update.since = since;
    const only = this.#connections.size === 1 ? [...this.#connections.keys()][0] : undefined;
    for (const connection of this.#connections.values()) {
      const current = await readRealWorldState(connection, settled.visible.stateSync, this.#anonymiser(settled), until);
      const changes = diffState(this.#baseline.get(connection.info.id), current);
      const local = (options.localChanges ?? []).filter((c) => (c.marketplace ?? only) === connection.info.id);
      const conflicts = await settleLocalChanges(changes, local, resolver, this.#baseline.get(connection.info.id));
      for (const c of conflicts)
        if (c.resolution === 'manual' || c.resolution === 'unresolved')
          log.write('warn', `conflict on ${c.field} of ${c.key} left undecided: ${c.explanation}`, {
            strategy: c.strategy,
          });
      this.#baseline.set(connection.info.id, current);
      update.marketplaces.push(changes);
      update.conflicts.push(...conflicts);
    }
    this.#lastSyncAt = until;
    log.write(
      'info',
      `state updates for simulation: ${update.marketplaces.length} marketplace(s), ${update.conflicts.length} conflict(s)`,
    );
    return update;
  }

  /**
   * Paces `executeAction` with a token bucket in the context's store; `false` turns pacing off.
   * Prefer the constructor's `rateLimit` option. Validates, then replaces the settings at once
   * for the actions that start afterwards (running ones keep theirs); on bad input throws a
   * `ValidationError` and changes nothing.
   *
   * @example
   * ```ts
   * adapter.configureRateLimiting({ ratePerSecond: 1, burst: 3 });
   * ```
   */
  configureRateLimiting(settings: AdapterRateLimit | false): this {
    this.#reconfigure({ rateLimit: settings });
    this.#logRateLimit();
    return this;
  }

  /**
   * Retries of untouched retryable failures, their delay, and whether failures are rolled back;
   * fields left out keep their value. Prefer the constructor's `errorHandling` option. Replaces
   * the settings at once for the actions that start afterwards; on bad input throws and changes
   * nothing.
   *
   * @example
   * ```ts
   * adapter.configureErrorHandling({ maxRetries: 0 });
   * ```
   */
  configureErrorHandling(settings: AdapterErrorHandling): this {
    this.#reconfigure({ errorHandling: settings });
    if (!this.#current.settled.visible.errorHandling.rollbackOnFailure) this.#logRollbackOff();
    return this;
  }

  /**
   * Conflict strategy (any {@link ConflictResolver} strategy, per field if wanted, with its
   * clock-skew tolerance and tie-breaker) and what state sync reads; fields left out keep their
   * value. Prefer the constructor's `stateSync` option. Replaces the settings at once for the
   * syncs that start afterwards; on bad input throws and changes nothing.
   *
   * @example
   * ```ts
   * adapter.configureStateSync({ conflictStrategy: 'most_recent', fields: { available: 'merge' } });
   * ```
   */
  configureStateSync(settings: AdapterStateSync): this {
    this.#reconfigure({ stateSync: settings });
    return this;
  }

  /**
   * What logs leave out and whether customer data handed to simulation is anonymised; fields
   * left out keep their value. Prefer the constructor's `privacy` option. Replaces the settings
   * at once; a running action keeps redacting with the settings it started with.
   *
   * @example
   * ```ts
   * adapter.configurePrivacySettings({ redactFields: ['giftMessage'], secrets: [apiKey] });
   * ```
   */
  configurePrivacySettings(settings: PrivacySettings): this {
    this.#reconfigure({ privacy: settings });
    return this;
  }

  /** Validates `input` over the settings in force and swaps in the new settings whole; nothing changes on a throw. */
  #reconfigure(input: AdapterSettingsInput): void {
    const current = this.#current;
    let settled: SettledAdapterSettings;
    try {
      settled = settleAdapterSettings(input, current.settled, current.settled.privacy.salt);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // The caller gave one part: its problems are reported from that part's root, as before.
      const [part] = Object.keys(input) as (keyof AdapterSettingsInput)[];
      throw new ValidationError(
        SETTINGS_NAMES[part!],
        error.issues.map((issue) => ({ ...issue, path: issue.path.slice(1) })),
      );
    }
    const next: SettingsInForce = {
      settled,
      resolver:
        input.stateSync === undefined
          ? current.resolver
          : simulationConflictResolver(settled.visible.stateSync, this.context),
      redactor: input.privacy === undefined ? current.redactor : privacyRedactor(settled.privacy),
    };
    this.#current = next;
    if (next.redactor !== current.redactor) this.#log.setRedactor(next.redactor);
  }

  #logRateLimit(): void {
    const limit = this.#current.settled.visible.rateLimit;
    this.#log.write(
      'info',
      limit === false ? 'rate limiting off' : `rate limiting at ${limit.ratePerSecond}/s, burst ${limit.burst}`,
    );
  }

  #logRollbackOff(): void {
    this.#log.write('warn', 'rollback on failure is OFF: failed writes will be left as they are');
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

  #anonymiser(settled: SettledAdapterSettings): ((order: Order) => Promise<Order>) | undefined {
    const { salt, anonymiseCustomerData } = settled.privacy;
    return anonymiseCustomerData === false ? undefined : (order) => anonymiseOrder(order, salt);
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
