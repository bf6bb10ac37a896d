import { lazySchema } from '../../core/lazy-schema.js';
import { z } from 'zod';
import type { Context } from '../../core/context.js';
import { ValidationError, issuesFromZod, type ValidationIssue } from '../../core/errors/validation-error.js';
import type { MarketplaceFactory } from '../../core/marketplace-factory.js';
import { ConflictResolver, type ConflictResolverOptions } from '../../sync/resolver/conflict-resolver.js';
import type { Strategy } from '../../sync/resolver/types.js';
import type { IntegrationValidator } from '../integration-validator.js';
import type { AdapterMode } from './connections.js';
import type { PrivacySettings } from './privacy.js';

/**
 * An explicit, visible opt-out of validation. It needs a reason; every skipped check is logged
 * at `warn` and recorded in the execution report.
 */
export interface ValidationOptOut {
  skip: true;
  /** Why validation is skipped; shown in logs and reports. */
  reason: string;
}

/**
 * Options of `new RealWorldAdapter(...)`.
 *
 * @example
 * ```ts
 * const options: RealWorldAdapterOptions = { mode: 'live', confirmLive: true, context: { tenantId: 'seller-1' } };
 * ```
 */
export interface RealWorldAdapterOptions {
  /** Where actions go. */
  mode: AdapterMode;
  /** Must be `true` to enter live mode. */
  confirmLive?: boolean;
  /** Where marketplaces come from (default: `createDefaultFactory()`). */
  factory?: MarketplaceFactory<any>;
  /** The validator actions pass (default: one with the default constraints, on the adapter's context). */
  validator?: IntegrationValidator;
  /** Store, clock, events, logger (default: `consoleWarningLogger`, warnings printed), tenant; shared with connections. */
  context?: Context;
  /** Marketplace names that never reach the network and may be used in every mode (default: `['simulated']`). */
  offlineMarketplaces?: readonly string[];
  /** Skip validation for every action: explicit and visible only. */
  validation?: ValidationOptOut;
  /** How many integration log entries to keep (default 1,000). */
  logLimit?: number;
  /** Initial privacy settings. */
  privacy?: PrivacySettings;
}

/**
 * Pacing of `executeAction`: a token bucket in the context's store, shared by every process on
 * that store, one token per action.
 */
export interface AdapterRateLimit {
  ratePerSecond: number;
  burst: number;
  /** One budget per connection (default) or one for the whole adapter. */
  scope?: 'connection' | 'adapter';
}

/**
 * How `executeAction` treats failures.
 */
export interface AdapterErrorHandling {
  /** Re-sends after a retryable error when read-back shows nothing was applied (default 2). */
  maxRetries?: number;
  /** Wait before a retry (default 1,000 ms). */
  retryDelayMs?: number;
  /** Undo partial or failed writes with a compensating action (default true). */
  rollbackOnFailure?: boolean;
}

/**
 * How state flows from the real marketplace to the simulation, and how fields both sides
 * changed are settled. Conflicts go through the sync {@link ConflictResolver}, so the
 * strategies are its strategies: `local_wins`, `remote_wins`, `most_recent` (with clock-skew
 * tolerance), `manual` (a task in the context's store), `merge` (stock counts, against the last
 * sync) or a function.
 *
 * @example
 * ```ts
 * adapter.configureStateSync({
 *   conflictStrategy: 'most_recent', skewToleranceMs: 2_000, tieBreaker: 'manual',
 *   fields: { available: 'merge' }, includeOrders: true, ordersSince: '2026-11-01T00:00:00.000Z',
 * });
 * ```
 */
export interface AdapterStateSync {
  /** Settles fields both sides changed (default `remote_wins`). */
  conflictStrategy?: Strategy;
  /** A strategy per field, over `conflictStrategy`. */
  fields?: { price?: Strategy; available?: Strategy };
  /** `most_recent`: timestamps closer than this are a tie (default 5,000 ms). */
  skewToleranceMs?: number;
  /** `most_recent`: what settles a tie or a missing timestamp (default `remote_wins`: the value buyers see). */
  tieBreaker?: 'local_wins' | 'remote_wins' | 'manual';
  /** Read orders too (default true). */
  includeOrders?: boolean;
  /** Read orders changed at or after this time (default: all). */
  ordersSince?: string;
}

const parse = <S extends z.ZodType>(schema: S, what: string, value: unknown): z.output<S> => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(what, issuesFromZod(parsed.error));
  return parsed.data;
};

const OptOutSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      skip: z.literal(true),
      reason: z.string().trim().min(3, 'Give the reason validation is skipped; it is logged and reported.'),
    })
    .strict(),
);

/**
 * Checks the constructor options, every problem at once; live mode needs `confirmLive: true`.
 *
 * @example
 * ```ts
 * checkAdapterOptions({ mode: 'live' }); // throws: confirmLive must be true
 * ```
 */
export function checkAdapterOptions(options: RealWorldAdapterOptions): void {
  const schema = z
    .object({
      mode: z.enum(['simulation', 'sandbox', 'live']),
      confirmLive: z.boolean().optional(),
      validation: OptOutSchema.optional(),
      logLimit: z.number().int().positive().optional(),
      offlineMarketplaces: z.array(z.string().min(1)).optional(),
    })
    .passthrough()
    .superRefine((value, ctx) => {
      if (value.mode === 'live' && value.confirmLive !== true) {
        ctx.addIssue({
          code: 'custom',
          path: ['confirmLive'],
          message: 'Live mode writes to real marketplaces; set confirmLive: true to enter it.',
        });
      }
    });
  parse(schema, 'RealWorldAdapter options', options);
}

/**
 * Checks a per-call or adapter-wide validation opt-out.
 *
 * @example
 * ```ts
 * checkOptOut({ skip: true, reason: 'approved migration' });
 * ```
 */
export function checkOptOut(value: unknown): ValidationOptOut {
  return parse(OptOutSchema, 'validation opt-out', value);
}

/**
 * Checks rate limiting settings.
 *
 * @example
 * ```ts
 * checkRateLimit({ ratePerSecond: 2, burst: 5 }); // { ratePerSecond: 2, burst: 5, scope: 'connection' }
 * ```
 */
export function checkRateLimit(value: AdapterRateLimit): Required<AdapterRateLimit> {
  const schema = z
    .object({
      ratePerSecond: z.number().positive().finite(),
      burst: z.number().int().positive(),
      scope: z.enum(['connection', 'adapter']).default('connection'),
    })
    .strict();
  return parse(schema, 'rate limiting settings', value);
}

/**
 * Checks error handling settings.
 *
 * @example
 * ```ts
 * checkErrorHandling({}); // { maxRetries: 2, retryDelayMs: 1000, rollbackOnFailure: true }
 * ```
 */
export function checkErrorHandling(value: AdapterErrorHandling): Required<AdapterErrorHandling> {
  const schema = z
    .object({
      maxRetries: z.number().int().min(0).max(10).default(2),
      retryDelayMs: z.number().int().min(0).default(1000),
      rollbackOnFailure: z.boolean().default(true),
    })
    .strict();
  return parse(schema, 'error handling settings', value);
}

/**
 * Checks state sync settings, every problem at once; the strategies are checked by the
 * {@link ConflictResolver} that will apply them.
 *
 * @example
 * ```ts
 * checkStateSync({ conflictStrategy: 'manual' });
 * ```
 */
export function checkStateSync(value: AdapterStateSync): CheckedStateSync {
  const schema = z
    .object({
      conflictStrategy: z.unknown().optional(),
      fields: z.object({ price: z.unknown().optional(), available: z.unknown().optional() }).strict().optional(),
      skewToleranceMs: z.unknown().optional(),
      tieBreaker: z.unknown().optional(),
      includeOrders: z.boolean().default(true),
      ordersSince: z.iso.datetime({ offset: true }).optional(),
    })
    .strict();
  const parsed = schema.safeParse(value);
  const issues: ValidationIssue[] = parsed.success ? [] : issuesFromZod(parsed.error);
  const checked: CheckedStateSync = {
    tieBreaker: 'remote_wins',
    ...value,
    conflictStrategy: value.conflictStrategy ?? 'remote_wins',
    includeOrders: value.includeOrders ?? true,
  };
  try {
    new ConflictResolver(resolverOptions(checked));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(
      ...error.issues.map((issue) => ({
        ...issue,
        path: issue.path[0] === 'default' ? ['conflictStrategy', ...issue.path.slice(1)] : issue.path,
      })),
    );
  }
  if (issues.length > 0) throw new ValidationError('state sync settings', issues);
  return checked;
}

/**
 * State sync settings after {@link checkStateSync}: the defaults filled in.
 *
 * @example
 * ```ts
 * const settings: CheckedStateSync = checkStateSync({});
 * settings.conflictStrategy; // 'remote_wins'
 * ```
 */
export type CheckedStateSync = AdapterStateSync &
  Required<Pick<AdapterStateSync, 'conflictStrategy' | 'tieBreaker' | 'includeOrders'>>;

/**
 * The {@link ConflictResolver} options state sync settings stand for (strategies, tolerance,
 * tie-breaker); the caller adds store, clock and events.
 *
 * @example
 * ```ts
 * new ConflictResolver({ ...resolverOptions(checkStateSync({})), store, clock });
 * ```
 */
export function resolverOptions(settings: CheckedStateSync): ConflictResolverOptions {
  const fields: Record<string, Strategy> = {};
  const given = typeof settings.fields === 'object' && settings.fields !== null ? settings.fields : {};
  for (const [field, strategy] of Object.entries(given)) if (strategy !== undefined) fields[field] = strategy;
  return {
    default: settings.conflictStrategy,
    fields,
    tieBreaker: settings.tieBreaker,
    ...(settings.skewToleranceMs === undefined ? {} : { skewToleranceMs: settings.skewToleranceMs }),
  };
}

/**
 * Checks privacy settings.
 *
 * @example
 * ```ts
 * checkPrivacy({ anonymiseCustomerData: true });
 * ```
 */
export function checkPrivacy(value: PrivacySettings): PrivacySettings {
  const schema = z
    .object({
      anonymiseCustomerData: z.boolean().optional(),
      redactFields: z.array(z.string().min(1)).optional(),
      secrets: z.array(z.string()).optional(),
      salt: z.string().min(1).optional(),
    })
    .strict();
  return parse(schema, 'privacy settings', value);
}
