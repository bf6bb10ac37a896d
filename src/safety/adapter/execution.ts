import { err, ok, type Result } from 'neverthrow';
import type { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import type { ResolvedContext } from '../../core/context.js';
import { isMarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { failure } from '../../core/result.js';
import type { MarketplaceAction } from '../../model/action.js';
import type { Product } from '../../model/product.js';
import type { SafetyFacts } from '../facts.js';
import type { IntegrationValidator } from '../integration-validator.js';
import { planAction } from '../planned-action.js';
import { modelFor } from './action-models.js';
import { missingOperations, missingTargets } from './preconditions.js';
import type { AdapterMode, ConnectionInfo } from './connections.js';
import type { IntegrationLogWriter } from './integration-log.js';
import { diffValues, type CatalogIndex, type ObservedState } from './observed.js';
import { callOperation } from './operations.js';
import type {
  ExecuteActionOptions,
  ExecutionErrorInfo,
  ExecutionFailure,
  ExecutionReport,
  RollbackReport,
  ValidationOutcome,
} from './report.js';
import type { AdapterErrorHandling, ValidationOptOut } from './settings.js';

/**
 * A live connection: what it is and how to reach it.
 */
export interface Connection {
  info: ConnectionInfo;
  api: BaseMarketplaceAPI;
  catalog: CatalogIndex;
  /** The currency of simulation-dialect prices: configured, or learned from the catalog. */
  currency?: string;
}

/**
 * What the pipeline needs from the adapter.
 */
export interface ExecutionDeps {
  connection: Connection;
  validator: IntegrationValidator;
  log: IntegrationLogWriter;
  context: ResolvedContext;
  mode: AdapterMode;
  errorHandling: Required<AdapterErrorHandling>;
  optOut: ValidationOptOut | undefined;
  pace(): Promise<void>;
}

function errorInfo(error: unknown): ExecutionErrorInfo {
  if (isMarketbridgeError(error))
    return { name: error.name, code: error.code, message: error.message, retryable: error.retryable };
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, retryable: false };
}

/** Facts for validation: catalog statistics plus what was read of the touched state. */
async function factsFor(
  connection: Connection,
  before: ObservedState,
  action: MarketplaceAction,
): Promise<SafetyFacts> {
  const needsCatalog =
    action.type === 'delete_listings' ||
    action.type === 'set_inventory' ||
    action.type === 'adjust_inventory' ||
    action.type === 'create_listing';
  const stats = needsCatalog ? await connection.catalog.stats() : undefined;
  const facts: SafetyFacts = { offers: {}, stock: {} };
  if (stats) Object.assign(facts, stats);
  for (const product of Object.values(before.products) as Product[]) {
    for (const offer of product.offers)
      (facts.offers as NonNullable<SafetyFacts['offers']>)[offer.sku] = offer.cost
        ? { price: offer.price, cost: offer.cost, productId: product.id }
        : { price: offer.price, productId: product.id };
    facts.currency ??= product.offers[0]?.price.currency;
  }
  for (const { sku, productId, offer } of Object.values(before.offers ?? {})) {
    (facts.offers as NonNullable<SafetyFacts['offers']>)[sku] = offer.cost
      ? { price: offer.price, cost: offer.cost, productId }
      : { price: offer.price, productId };
    facts.currency ??= offer.price.currency;
  }
  const stock = facts.stock as Record<string, number>;
  if (action.type === 'set_inventory' || action.type === 'adjust_inventory') {
    // The limits are about the one level the action writes, not the SKU's other locations.
    const target = before.levels[`${action.sku}@${action.locationId ?? '*'}`];
    if (target) stock[target.sku] = target.available;
  } else {
    for (const [key, level] of Object.entries(before.levels))
      if (!key.endsWith('@*')) stock[level.sku] = (stock[level.sku] ?? 0) + level.available;
  }
  return facts;
}

/**
 * validate → record prior state → execute → verify by reading back → roll back on failure.
 *
 * @example
 * ```ts
 * const result = await runAction(deps, { type: 'set_price', sku: 'A-1', price }, { dryRun: true });
 * ```
 */
export async function runAction(
  deps: ExecutionDeps,
  action: MarketplaceAction,
  options: ExecuteActionOptions,
): Promise<Result<ExecutionReport, ExecutionFailure>> {
  const { connection, validator, log, context } = deps;
  const now = () => new Date(context.clock.now()).toISOString();
  const startedAt = now();
  // Parsed once on the way in and translated once here; the checks below take both as they are.
  const plan = planAction(action);
  const unsupported = missingOperations(action, plan, connection.api);
  if (unsupported.length > 0) {
    const message = `${connection.info.platform} does not implement ${unsupported.map((o) => `${o}()`).join(', ')}, which ${action.type} needs to write, record the prior state and verify the result; nothing was sent.`;
    log.write('warn', `refused ${action.type} on ${connection.info.id}: ${message}`, { operations: unsupported });
    return err(failure('unsupported_operation', message, { operations: unsupported }));
  }
  const model = modelFor(action, connection.api, connection.catalog, plan);
  const before = await model.read();
  const report: ExecutionReport = {
    action,
    marketplace: connection.info.id,
    platform: connection.info.platform,
    mode: deps.mode,
    environment: connection.info.environment,
    plan,
    status: 'dry_run',
    validation: { status: 'passed', violations: [] },
    before: before.values,
    diff: [],
    attempts: 0,
    startedAt,
    finishedAt: startedAt,
  };
  const finish = (status: ExecutionReport['status']) => ({ ...report, status, finishedAt: now() });
  const scope = { marketplace: connection.info.marketplace, tenantId: context.tenantId };
  // The action as the validator and the history see it: naming the platform it runs on.
  const scoped: MarketplaceAction =
    action.marketplace === scope.marketplace ? action : { ...action, marketplace: scope.marketplace };
  planAction(scoped, { ...plan, marketplace: scope.marketplace });
  const missing = await missingTargets(action, before, connection.catalog, connection.api, validator.history, scope);
  if (missing.length > 0) {
    report.validation = { status: 'blocked', reason: missing[0]?.reason ?? 'unknown_target', violations: missing };
    const message = missing.map((v) => v.message).join(' ');
    log.write('warn', `refused ${action.type} on ${connection.info.id}: ${message}`, {
      reason: report.validation.reason,
    });
    context.events.emit('actionBlocked', {
      actionType: action.type,
      rule: 'target_exists',
      reason: report.validation.reason as string,
      tenantId: context.tenantId,
      marketplace: scope.marketplace,
    });
    return err({ ...failure('not_found', message), report: finish('blocked') });
  }
  const facts = await factsFor(connection, before, action);

  report.validation = await validate(deps, scoped, scope, facts, options.validation);
  if (report.validation.status === 'blocked') {
    log.write(
      'warn',
      `blocked ${action.type} on ${connection.info.id}: ${report.validation.violations[0]?.message ?? ''}`,
      { rule: report.validation.violations[0]?.rule, plan: plan.summary },
    );
    return err({
      ...failure('blocked', report.validation.violations.map((v) => v.message).join(' ')),
      report: finish('blocked'),
    });
  }
  if (options.dryRun) {
    report.diff = diffValues(before.values, { ...before.values, ...model.expected(before) });
    log.write('info', `dry run of ${action.type} on ${connection.info.id}: ${plan.summary}`, {
      changes: report.diff.length,
    });
    return ok(finish('dry_run'));
  }

  await deps.pace();
  let after = before;
  let error: unknown;
  for (;;) {
    report.attempts++;
    error = undefined;
    try {
      const outcome = await callOperation(connection.api, plan, options.signal ? { signal: options.signal } : {});
      error = outcome.firstError;
    } catch (caught) {
      error = caught;
    }
    after = await model.read();
    const untouched = diffValues(before.values, after.values).length === 0;
    const retryable = isMarketbridgeError(error) && (error.retryable || error.code === 'timeout');
    if (error === undefined || !untouched || !retryable || report.attempts > deps.errorHandling.maxRetries) break;
    log.write(
      'warn',
      `retrying ${action.type} on ${connection.info.id}: nothing was applied (${errorInfo(error).message})`,
      { attempt: report.attempts },
    );
    if (deps.errorHandling.retryDelayMs > 0) await context.clock.sleep(deps.errorHandling.retryDelayMs, options.signal);
  }
  const mismatches = model.verify(before, after);
  report.verification = { ok: mismatches.length === 0, mismatches };
  report.after = after.values;
  report.diff = diffValues(before.values, after.values);
  if (error !== undefined) report.error = errorInfo(error);

  if (mismatches.length === 0) {
    if (error !== undefined) report.resolvedByReadBack = true;
    await validator.recordExecuted(scoped, { ...scope, facts });
    if (action.type === 'create_listing' || action.type === 'delete_listings') connection.catalog.invalidate();
    log.write('info', `applied ${action.type} on ${connection.info.id}: ${plan.summary}`, {
      attempts: report.attempts,
      resolvedByReadBack: report.resolvedByReadBack ?? false,
    });
    return ok(finish('applied'));
  }

  report.rollback = await rollBack(deps, action, model, before, after, options);
  connection.catalog.invalidate();
  const status = report.rollback.restored ? 'rolled_back' : 'failed';
  const reason = error === undefined ? 'verification_failed' : 'execution_failed';
  const message = `${action.type} on ${connection.info.id} ${error === undefined ? 'did not verify' : `failed: ${errorInfo(error).message}`}; ${report.rollback.restored ? 'the prior state was restored' : `the prior state was NOT restored (${report.rollback.reason})`}.`;
  log.write('error', message, { rollback: report.rollback.reason, remaining: report.rollback.remaining.length });
  return err({ ...failure(reason, message), report: finish(status) });
}

async function validate(
  deps: ExecutionDeps,
  action: MarketplaceAction,
  scope: { marketplace: string; tenantId: string },
  facts: SafetyFacts,
  perCall: ValidationOptOut | undefined,
): Promise<ValidationOutcome> {
  const optOut = perCall ?? deps.optOut;
  if (optOut) {
    deps.log.write('warn', `validation SKIPPED for ${action.type} on ${deps.connection.info.id}: ${optOut.reason}`, {
      mode: deps.mode,
    });
    return { status: 'skipped', reason: optOut.reason, violations: [] };
  }
  const [verdict] = (await deps.validator.testSafetyConstraints([action], { ...scope, facts })).results;
  if (verdict?.safe) return { status: 'passed', violations: [] };
  return { status: 'blocked', reason: verdict?.reason ?? 'blocked', violations: verdict?.violations ?? [] };
}

async function rollBack(
  deps: ExecutionDeps,
  action: MarketplaceAction,
  model: ReturnType<typeof modelFor>,
  before: ObservedState,
  after: ObservedState,
  options: ExecuteActionOptions,
): Promise<RollbackReport> {
  const base: RollbackReport = {
    attempted: false,
    ok: false,
    restored: false,
    reason: '',
    operations: [],
    remaining: diffValues(before.values, after.values),
    idMapping: {},
  };
  if (base.remaining.length === 0)
    return { ...base, ok: true, restored: true, reason: 'nothing was applied; no compensation needed' };
  if (!deps.errorHandling.rollbackOnFailure)
    return { ...base, reason: 'rollback is disabled (configureErrorHandling({ rollbackOnFailure: false }))' };
  const steps = model.compensate(before, after);
  if (steps === 'irreversible')
    return {
      ...base,
      reason: `${action.type} cannot be undone on the marketplace; resolve the partial result by hand`,
    };
  if (model.guard && steps.length > 0) {
    // An unconditional compensation is sent only when the state is still what the failed write left.
    let fresh: ObservedState;
    try {
      fresh = await model.read();
    } catch (error) {
      return {
        ...base,
        reason: `the state could not be read again before compensating, so nothing was sent: ${errorInfo(error).message}`,
        error: errorInfo(error),
      };
    }
    const stop = model.guard(after, fresh);
    if (stop) {
      const report: RollbackReport = { ...base, reason: stop, remaining: diffValues(before.values, fresh.values) };
      deps.context.events.emit('rollback', {
        actionType: action.type,
        ok: false,
        reason: report.reason,
        marketplace: deps.connection.info.id,
      });
      return report;
    }
  }
  const report: RollbackReport = { ...base, attempted: true, operations: steps };
  try {
    for (const step of steps) {
      const outcome = await callOperation(deps.connection.api, step, options.signal ? { signal: options.signal } : {});
      if (step.operation === 'upsertProducts' && step.actionType === 'delete_listings') {
        const gone = Object.keys(before.products).filter((id) => !after.products[id]);
        outcome.result.items.forEach((item) => {
          const oldId = gone[item.index];
          if (item.ok && oldId !== undefined) report.idMapping[oldId] = (item.value as Product).id;
        });
      }
      if (outcome.firstError) throw outcome.firstError;
    }
    report.ok = true;
  } catch (error) {
    report.error = errorInfo(error);
  }
  const final = await model.read(report.idMapping);
  report.remaining = diffValues(before.values, final.values);
  report.restored = report.remaining.length === 0;
  report.reason = report.restored
    ? `restored by ${steps.map((s) => s.summary).join('; ')}`
    : `compensation left ${report.remaining.length} difference(s)${report.error ? `: ${report.error.message}` : ''}`;
  deps.context.events.emit('rollback', {
    actionType: action.type,
    ok: report.restored,
    reason: report.reason,
    marketplace: deps.connection.info.id,
  });
  return report;
}
