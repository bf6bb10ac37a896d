import type { Failure } from '../../core/result.js';
import type { MarketplaceAction } from '../../model/action.js';
import type { RuleViolation } from '../rule.js';
import type { PlannedOperation } from '../translate.js';
import type { AdapterMode, ConnectionEnvironment } from './connections.js';
import type { StateDifference } from './observed.js';
import type { ValidationOptOut } from './settings.js';

/**
 * A failure as recorded in a report: redacted, JSON-safe.
 *
 * @category Real-world adapter
 */
export interface ExecutionErrorInfo {
  name: string;
  code?: string;
  message: string;
  retryable: boolean;
}

/**
 * What validation decided for an executed action. `skipped` only ever happens through an
 * explicit opt-out, whose reason is here.
 *
 * @category Real-world adapter
 */
export interface ValidationOutcome {
  status: 'passed' | 'blocked' | 'skipped';
  /** The opt-out's reason when skipped; the first violation's reason when blocked. */
  reason?: string;
  violations: RuleViolation[];
}

/**
 * What a compensating action did.
 *
 * @category Real-world adapter
 */
export interface RollbackReport {
  /** Whether compensating operations were sent. */
  attempted: boolean;
  /** Whether every compensating operation succeeded. */
  ok: boolean;
  /** Whether read-back shows the prior state again. */
  restored: boolean;
  /** Why it was (or was not) attempted. */
  reason: string;
  /** The compensating operations, as sent. */
  operations: PlannedOperation[];
  /** What still differs from the prior state after the rollback. */
  remaining: StateDifference[];
  /** Old → new ids of listings that had to be re-created. */
  idMapping: Record<string, string>;
  error?: ExecutionErrorInfo;
}

/**
 * The full report of `RealWorldAdapter.executeAction` (and of a dry run).
 *
 * @example
 * ```ts
 * const result = await adapter.executeAction(action);
 * const report: ExecutionReport | undefined = result.isOk() ? result.value : result.error.report;
 * console.log(report?.status, report?.diff);
 * ```
 *
 * @category Real-world adapter
 */
export interface ExecutionReport {
  action: MarketplaceAction;
  /** The connection id. */
  marketplace: string;
  platform: string;
  mode: AdapterMode;
  environment: ConnectionEnvironment;
  /** The concrete operation and payload. */
  plan: PlannedOperation;
  /**
   * `dry_run` (nothing written), `applied` (verified by read-back), `blocked` (not sent),
   * `rolled_back` (failed, prior state restored) or `failed` (failed, not or not fully restored).
   */
  status: 'dry_run' | 'applied' | 'blocked' | 'rolled_back' | 'failed';
  validation: ValidationOutcome;
  /** The touched state before. */
  before: Record<string, unknown>;
  /** The touched state read back after the write, before any rollback (see `rollback.remaining` for after it). */
  after?: Record<string, unknown>;
  /** Dry run: before → planned; otherwise what the write changed (before → after). */
  diff: StateDifference[];
  /** How many times the operation was sent. */
  attempts: number;
  /** True when a call failed but read-back showed it fully applied (a lost answer, not a lost write). */
  resolvedByReadBack?: boolean;
  error?: ExecutionErrorInfo;
  /** Read-back after the write: where the state is not what the action intended. */
  verification?: { ok: boolean; mismatches: StateDifference[] };
  rollback?: RollbackReport;
  startedAt: string;
  finishedAt: string;
}

/**
 * Why `executeAction` did not apply an action: `invalid_action`, `no_connection`,
 * `unsupported_operation` (the marketplace lacks the write or the reads it needs; nothing was
 * read or sent), `not_found` (it names SKUs, listings or orders that are not there, or
 * listings deleted before; the report's violations name them), `blocked` (a safety
 * constraint), `execution_failed` or `verification_failed`. `report` is there whenever the
 * marketplace was read.
 *
 * @category Real-world adapter
 */
export interface ExecutionFailure
  extends Failure<
    | 'invalid_action'
    | 'no_connection'
    | 'unsupported_operation'
    | 'not_found'
    | 'blocked'
    | 'execution_failed'
    | 'verification_failed'
  > {
  report?: ExecutionReport;
}

/**
 * Options of one `executeAction` call.
 *
 * @example
 * ```ts
 * await adapter.executeAction(action, { dryRun: true });
 * await adapter.executeAction(action, { validation: { skip: true, reason: 'approved migration' } });
 * ```
 *
 * @category Real-world adapter
 */
export interface ExecuteActionOptions {
  /** Plan, validate and diff without writing. */
  dryRun?: boolean;
  /** Skip validation for this call: explicit and visible only. */
  validation?: ValidationOptOut;
  signal?: AbortSignal;
}
