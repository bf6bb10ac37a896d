import { lazySchema } from '../../core/lazy-schema.js';
import { z } from 'zod';
import type { Context } from '../../core/context.js';
import { ValidationError, issuesFromZod, type ValidationIssue } from '../../core/errors/validation-error.js';
import type { DefinitionMap, MarketplaceFactory } from '../../core/marketplace-factory.js';
import { ConflictResolver, type ConflictResolverOptions } from '../../sync/resolver/conflict-resolver.js';
import type { Strategy } from '../../sync/resolver/types.js';
import type { IntegrationValidator } from '../integration-validator.js';
import type { AdapterMode } from './connections.js';
import type { PrivacySettings } from './privacy.js';

/**
 * An explicit, visible opt-out of validation. It needs a reason; every skipped check is logged
 * at `warn` and recorded in the execution report.
 *
 * @category Real-world adapter
 */
export interface ValidationOptOut {
  skip: true;
  /** Why validation is skipped; shown in logs and reports. */
  reason: string;
}

/**
 * Options of `new RealWorldAdapter(...)`. The four settings (`rateLimit`, `errorHandling`,
 * `stateSync`, `privacy`) are validated together with the rest, every problem at once, and
 * become the adapter's frozen {@link AdapterSettings}; nothing is applied when one is wrong.
 *
 * @example
 * ```ts
 * const options: RealWorldAdapterOptions = {
 *   mode: 'live',
 *   confirmLive: true,
 *   context: { tenantId: 'seller-1' },
 *   rateLimit: { ratePerSecond: 2, burst: 5 },
 *   errorHandling: { maxRetries: 1 },
 *   stateSync: { conflictStrategy: 'most_recent' },
 *   privacy: { redactFields: ['note'] },
 * };
 * ```
 *
 * @category Real-world adapter
 */
export interface RealWorldAdapterOptions {
  /** Where actions go. */
  mode: AdapterMode;
  /** Must be `true` to enter live mode. */
  confirmLive?: boolean;
  /** Where marketplaces come from (default: `createDefaultFactory()`). */
  factory?: MarketplaceFactory<DefinitionMap>;
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
  /** Pacing of `executeAction` (default `false`: no pacing). See {@link AdapterRateLimit}. */
  rateLimit?: AdapterRateLimit | false;
  /** Retries and rollback of failed actions (defaults: 2 retries, 1,000 ms apart, rollback on). */
  errorHandling?: AdapterErrorHandling;
  /** Conflict strategies and what state sync reads (default `remote_wins`, orders included). */
  stateSync?: AdapterStateSync;
  /** What logs leave out and whether customer data is anonymised (default: anonymised). */
  privacy?: PrivacySettings;
}

/**
 * Pacing of `executeAction`: a token bucket in the context's store, shared by every process on
 * that store, one token per action.
 *
 * @category Real-world adapter
 */
export interface AdapterRateLimit {
  ratePerSecond: number;
  burst: number;
  /** One budget per connection (default) or one for the whole adapter. */
  scope?: 'connection' | 'adapter';
}

/**
 * How `executeAction` treats failures.
 *
 * @category Real-world adapter
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
 *
 * @category Real-world adapter
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
 * State sync settings as the adapter holds them (`adapter.settings.stateSync`): the defaults
 * filled in (`conflictStrategy` and `tieBreaker` `remote_wins`, `includeOrders` true).
 *
 * @example
 * ```ts
 * const settings: Readonly<CheckedStateSync> = adapter.settings.stateSync;
 * settings.conflictStrategy; // 'remote_wins'
 * ```
 *
 * @category Real-world adapter
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

/**
 * The settings an adapter runs with, frozen: what `adapter.settings` shows. Privacy secrets
 * and the pseudonym salt are held by the adapter but never shown here (they would end up in
 * logs and error reports).
 *
 * @example
 * ```ts
 * const { rateLimit, errorHandling } = adapter.settings;
 * if (rateLimit === false) console.log('executeAction is not paced');
 * console.log(errorHandling.rollbackOnFailure); // true
 * ```
 *
 * @category Real-world adapter
 */
export interface AdapterSettings {
  /** Pacing of `executeAction`, or `false` when it is off. */
  readonly rateLimit: Readonly<Required<AdapterRateLimit>> | false;
  readonly errorHandling: Readonly<Required<AdapterErrorHandling>>;
  readonly stateSync: Readonly<CheckedStateSync>;
  readonly privacy: {
    readonly anonymiseCustomerData: boolean;
    readonly redactFields: readonly string[];
    /** How many exact values are scrubbed from logs (the values are not shown). */
    readonly secretCount: number;
  };
}

/**
 * The four adapter settings as given, to the constructor or to the `configure*` methods; a
 * setting left out keeps the value in force.
 *
 * @category Real-world adapter
 */
export interface AdapterSettingsInput {
  /** Pacing of `executeAction`; `false` turns it off. */
  rateLimit?: AdapterRateLimit | false;
  /** Merged field by field with the error handling in force. */
  errorHandling?: AdapterErrorHandling;
  /** Merged field by field with the state sync settings in force. */
  stateSync?: AdapterStateSync;
  /** Merged field by field with the privacy settings in force. */
  privacy?: PrivacySettings;
}

/**
 * Settled settings: the frozen public view and the full privacy settings (secrets and the
 * resolved salt included), frozen too.
 */
export interface SettledAdapterSettings {
  readonly visible: AdapterSettings;
  readonly privacy: Readonly<PrivacySettings & { salt: string; anonymiseCustomerData: boolean }>;
}

/** A frozen copy of plain data (arrays and objects copied, functions kept as they are): the caller's objects stay theirs. */
function frozenCopy<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) copy[key] = frozenCopy(entry);
  return Object.freeze(copy) as T;
}

function collect<T>(issues: ValidationIssue[], prefix: string, check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues.map((issue) => ({ ...issue, path: [prefix, ...issue.path] })));
    return undefined;
  }
}

/**
 * Validates settings, every problem at once, over `base` (the settings in force: error
 * handling, state sync and privacy are merged field by field, a given `rateLimit` replaces
 * the old one) and returns the new settled settings, frozen. Throws a `ValidationError` whose
 * issue paths start with the setting's name; `base` is never changed.
 *
 * @example
 * ```ts
 * const settled = settleAdapterSettings({ rateLimit: { ratePerSecond: 2, burst: 5 } }, undefined, randomSalt());
 * settled.visible.rateLimit; // { ratePerSecond: 2, burst: 5, scope: 'connection' }
 * ```
 */
export function settleAdapterSettings(
  input: AdapterSettingsInput,
  base: SettledAdapterSettings | undefined,
  defaultSalt: string,
): SettledAdapterSettings {
  const issues: ValidationIssue[] = [];
  const rateLimit =
    input.rateLimit === undefined
      ? (base?.visible.rateLimit ?? false)
      : input.rateLimit === false
        ? false
        : collect(issues, 'rateLimit', () => checkRateLimit(input.rateLimit as AdapterRateLimit));
  const errorHandling = collect(issues, 'errorHandling', () =>
    checkErrorHandling({ ...base?.visible.errorHandling, ...input.errorHandling }),
  );
  const stateSync = collect(issues, 'stateSync', () =>
    checkStateSync({ ...base?.visible.stateSync, ...input.stateSync }),
  );
  const privacy = collect(issues, 'privacy', () => checkPrivacy(input.privacy ?? {}));
  if (issues.length > 0) throw new ValidationError('RealWorldAdapter settings', issues);
  const fullPrivacy = {
    anonymiseCustomerData: true,
    ...base?.privacy,
    ...privacy,
    salt: privacy?.salt ?? base?.privacy.salt ?? defaultSalt,
  };
  return frozenCopy({
    visible: {
      rateLimit: rateLimit as Required<AdapterRateLimit> | false,
      errorHandling: errorHandling!,
      stateSync: stateSync!,
      privacy: {
        anonymiseCustomerData: fullPrivacy.anonymiseCustomerData !== false,
        redactFields: [...(fullPrivacy.redactFields ?? [])],
        secretCount: fullPrivacy.secrets?.length ?? 0,
      },
    },
    privacy: { ...fullPrivacy, anonymiseCustomerData: fullPrivacy.anonymiseCustomerData !== false },
  });
}
