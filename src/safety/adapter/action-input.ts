import { err, ok, type Result } from 'neverthrow';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import { failure } from '../../core/result.js';
import type { MarketplaceAction } from '../../model/action.js';
import { normalizeAction, type ActionInputFailure } from '../dialect/normalize.js';
import type { IntegrationValidator } from '../integration-validator.js';
import type { Connection } from './execution.js';
import type { IntegrationLogWriter } from './integration-log.js';
import type { ExecutionFailure } from './report.js';

/**
 * An action input resolved against the adapter's connections: a canonical action, or a
 * dialect `bulk_delete` that names no listings (judged by the delete caps, never executed).
 */
export type ResolvedActionInput =
  | { kind: 'action'; action: MarketplaceAction; connection: Connection }
  | { kind: 'unnamed_delete'; count: number; connection: Connection };

/** The `marketplace` an input names, whichever vocabulary it is in. */
const marketplaceOf = (input: unknown): string | undefined => {
  const value =
    input !== null && typeof input === 'object' ? (input as Record<string, unknown>).marketplace : undefined;
  return typeof value === 'string' ? value : undefined;
};

/**
 * The currency of a connection: configured at connect time, else its catalog's (one scan, then
 * remembered).
 *
 * @example
 * ```ts
 * const currency = await connectionCurrency(connection); // 'EUR'
 * ```
 */
export async function connectionCurrency(connection: Connection): Promise<string | undefined> {
  if (connection.currency === undefined && connection.api.capabilities.supports('listProducts')) {
    const learned = (await connection.catalog.stats()).currency;
    if (learned !== undefined) connection.currency = learned;
  }
  return connection.currency;
}

const asInvalid = (error: ActionInputFailure): ExecutionFailure =>
  failure('invalid_action', error.message, error.details);

/**
 * Finds the connection an input is for and makes the input canonical, with the connection's
 * currency for dialect prices that name none.
 *
 * @example
 * ```ts
 * const resolved = await resolveActionInput({ type: 'set_price', product_sku: 'A-1', new_price: 29.99 }, lookup, ids);
 * ```
 */
export async function resolveActionInput(
  input: unknown,
  lookup: (id: string | undefined) => Connection | undefined,
  known: readonly string[],
): Promise<Result<ResolvedActionInput, ExecutionFailure>> {
  const named = marketplaceOf(input);
  const connection = lookup(named);
  let normalized = normalizeAction(input, { currency: connection?.currency });
  if (connection && normalized.isErr() && normalized.error.reason === 'currency_unknown') {
    normalized = normalizeAction(input, { currency: await connectionCurrency(connection) });
  }
  if (normalized.isErr()) return err(asInvalid(normalized.error));
  if (!connection) {
    return err(
      failure(
        'no_connection',
        `No connection for ${named ?? 'this action'}; connected: ${known.join(', ') || '(none)'}. Set action.marketplace or call initializeMarketplaceConnection().`,
      ),
    );
  }
  const value = normalized.value;
  return ok(
    value.kind === 'action'
      ? { kind: 'action', action: value.action, connection }
      : { kind: 'unnamed_delete', count: value.count, connection },
  );
}

/**
 * Judges a `bulk_delete` that gives a count but no ids: the delete caps decide with the
 * catalog's size (`blocked` with their real reason, e.g. `too_many_deletes`); within the caps
 * it is still refused (`invalid_action`), because nothing says which listings to delete.
 *
 * @example
 * ```ts
 * const failure = await judgeUnnamedDelete({ type: 'bulk_delete', count: 1000 }, 1000, connection, validator, log);
 * failure.details?.violations; // [{ rule: 'bulk_delete', reason: 'too_many_deletes', ... }]
 * ```
 */
export async function judgeUnnamedDelete(
  input: unknown,
  count: number,
  connection: Connection,
  validator: IntegrationValidator,
  log: IntegrationLogWriter,
): Promise<ExecutionFailure> {
  const stats = connection.api.capabilities.supports('listProducts') ? await connection.catalog.stats() : {};
  const [verdict] = (
    await validator.testSafetyConstraints([input], { marketplace: connection.info.marketplace, facts: stats })
  ).results;
  const violations = verdict?.violations ?? [];
  const message = violations.map((v) => v.message).join(' ');
  log.write('warn', `refused bulk_delete of ${count} on ${connection.info.id}: ${message}`, {
    reason: verdict?.reason,
  });
  if (verdict?.reason === 'invalid_action') return failure('invalid_action', message, { violations });
  return failure('blocked', message, { violations });
}

/**
 * The `ValidationError` an input that cannot be translated throws from
 * `RealWorldAdapter.translateSimulationAction`.
 *
 * @example
 * ```ts
 * throw untranslatable(failure.message, failure.details?.issues);
 * ```
 */
export function untranslatable(message: string, issues?: unknown): ValidationError {
  const list = Array.isArray(issues) && issues.length ? (issues as ValidationIssue[]) : [{ path: [], message }];
  return new ValidationError('marketplace action', list);
}
