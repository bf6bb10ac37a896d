import { err, ok, type Result } from 'neverthrow';
import { systemClock, type Clock } from '../../core/clock.js';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import type { EventBus } from '../../core/events.js';
import { failure } from '../../core/result.js';
import { MemoryStore } from '../../stores/memory-store.js';
import type { Store } from '../../stores/store.js';
import { ManualTaskStore } from './manual-tasks.js';
import { mergeQuantities } from './merge.js';
import type { Conflict, ConflictFailure, ConflictSide, Resolution, Strategy, StrategyName } from './types.js';

const NAMES: readonly StrategyName[] = ['local_wins', 'remote_wins', 'most_recent', 'manual', 'merge'];

/**
 * Options of {@link ConflictResolver}.
 *
 * @example
 * ```ts
 * const options: ConflictResolverOptions = {
 *   default: 'most_recent', skewToleranceMs: 2_000,
 *   fields: { quantity: 'merge', price: 'local_wins', description: 'manual' },
 * };
 * ```
 *
 * @category Conflict resolver
 */
export interface ConflictResolverOptions {
  /** The strategy for fields without their own (default `most_recent`). */
  default?: Strategy;
  /** Field-level policies, by field name. */
  fields?: Record<string, Strategy>;
  /** `most_recent`: timestamps closer than this are a tie (default 5,000 ms). */
  skewToleranceMs?: number;
  /** `most_recent`: what decides a tie or a missing timestamp (default `manual`). */
  tieBreaker?: 'local_wins' | 'remote_wins' | 'manual';
  /** Where manual tasks are kept (default: a new memory store). */
  store?: Store;
  /** Key prefix of manual tasks (default `conflicts:`). */
  prefix?: string;
  /** Stamps tasks (default: the system clock). */
  clock?: Clock;
  /** Receives a `conflict` event per resolution. */
  events?: EventBus;
}

/**
 * Decides what happens when the source of truth and a marketplace disagree. Strategies per
 * field: `local_wins`, `remote_wins`, `most_recent` (with clock-skew tolerance), `manual`
 * (parked as a task in the store), `merge` (three-way for numbers) or a custom function. Every
 * resolution carries an explanation; unresolved conflicts are `Result` errors, never throws.
 *
 * @example
 * ```ts
 * const resolver = new ConflictResolver({ fields: { quantity: 'merge', price: 'local_wins' } });
 * const result = await resolver.resolve({ key: 'SKU-1', field: 'quantity', base: 10, local: { value: 12 }, remote: { value: 7 } });
 * if (result.isOk()) console.log(result.value.value, result.value.explanation); // 9, "Three-way merge: ..."
 * ```
 *
 * @category Conflict resolver
 */
export class ConflictResolver {
  /** Manual tasks: list them, resolve them. */
  readonly tasks: ManualTaskStore;
  readonly #default: Strategy;
  readonly #fields: Record<string, Strategy>;
  readonly #skew: number;
  readonly #tie: 'local_wins' | 'remote_wins' | 'manual';
  readonly #events?: EventBus;

  /** @param options - validated once; every problem is reported together */
  constructor(options: ConflictResolverOptions = {}) {
    const issues: ValidationIssue[] = [];
    const check = (strategy: unknown, path: (string | number)[]) => {
      if (typeof strategy !== 'function' && !NAMES.includes(strategy as StrategyName)) {
        issues.push({
          path,
          message: `Unknown strategy ${JSON.stringify(strategy)}; use one of ${NAMES.join(', ')} or a function.`,
        });
      }
    };
    if (options.default !== undefined) check(options.default, ['default']);
    for (const [field, strategy] of Object.entries(options.fields ?? {})) check(strategy, ['fields', field]);
    const skew = options.skewToleranceMs ?? 5_000;
    if (!Number.isFinite(skew) || skew < 0)
      issues.push({ path: ['skewToleranceMs'], message: 'Expected a non-negative number of milliseconds.' });
    const tie = options.tieBreaker ?? 'manual';
    if (!['local_wins', 'remote_wins', 'manual'].includes(tie))
      issues.push({ path: ['tieBreaker'], message: 'Use local_wins, remote_wins or manual.' });
    if (issues.length > 0) throw new ValidationError('ConflictResolver options', issues);
    const clock = options.clock ?? systemClock;
    this.tasks = new ManualTaskStore(options.store ?? new MemoryStore({ clock }), clock, options.prefix);
    this.#default = options.default ?? 'most_recent';
    this.#fields = { ...options.fields };
    this.#skew = skew;
    this.#tie = tie;
    if (options.events) this.#events = options.events;
  }

  /** The strategy that applies to `field`. */
  strategyFor(field: string): Strategy {
    return this.#fields[field] ?? this.#default;
  }

  /**
   * Resolves one field's conflict with its policy (or `strategy` when given). With
   * `{ preview: true }` nothing is recorded: a manual conflict is reported but not parked, and
   * no event is emitted (for dry runs).
   */
  async resolve<T>(
    conflict: Conflict<T>,
    strategy: Strategy = this.strategyFor(conflict.field),
    options: { preview?: boolean } = {},
  ): Promise<Result<Resolution<T>, ConflictFailure>> {
    const result = await this.#decide(conflict, strategy, options.preview ?? false);
    if (options.preview) return result;
    if (result.isOk() && result.value.winner !== 'unchanged') {
      const { key, field, strategy: name, winner, explanation } = result.value;
      this.#events?.emit('conflict', { key, field, strategy: name, resolution: winner, explanation });
    } else if (result.isErr() && result.error.reason === 'manual_required') {
      this.#events?.emit('conflict', {
        key: conflict.key,
        field: conflict.field,
        strategy: 'manual',
        resolution: 'manual',
        explanation: result.error.message,
      });
    }
    return result;
  }

  /**
   * Resolves every field on which `local` and `remote` differ. Fields parked or unresolvable
   * keep the local value and are listed in `unresolved`.
   */
  async resolveRecord<R extends Record<string, unknown>>(
    key: string,
    sides: {
      base?: Partial<R>;
      local: R;
      remote: R;
      localUpdatedAt?: string | number;
      remoteUpdatedAt?: string | number;
    },
  ): Promise<{ value: R; resolutions: Resolution[]; unresolved: ConflictFailure[] }> {
    const value: Record<string, unknown> = { ...sides.local };
    const resolutions: Resolution[] = [];
    const unresolved: ConflictFailure[] = [];
    const fields = [...new Set([...Object.keys(sides.local), ...Object.keys(sides.remote)])].sort();
    for (const field of fields) {
      if (JSON.stringify(sides.local[field]) === JSON.stringify(sides.remote[field])) continue;
      const conflict: Conflict = {
        key,
        field,
        ...(sides.base && field in sides.base ? { base: sides.base[field] } : {}),
        local: side(sides.local[field], sides.localUpdatedAt),
        remote: side(sides.remote[field], sides.remoteUpdatedAt),
      };
      const result = await this.resolve(conflict);
      if (result.isOk()) {
        value[field] = result.value.value;
        resolutions.push(result.value);
      } else unresolved.push(result.error);
    }
    return { value: value as R, resolutions, unresolved };
  }

  async #decide<T>(
    conflict: Conflict<T>,
    strategy: Strategy,
    preview: boolean,
  ): Promise<Result<Resolution<T>, ConflictFailure>> {
    const { key, field, local, remote } = conflict;
    const name = typeof strategy === 'function' ? 'custom' : strategy;
    const done = (value: T, winner: Resolution['winner'], explanation: string) =>
      ok<Resolution<T>, ConflictFailure>({ key, field, value, strategy: name, winner, explanation });
    if (JSON.stringify(local.value) === JSON.stringify(remote.value))
      return done(local.value, 'unchanged', `Both sides have ${show(local.value)}; nothing to resolve.`);
    if (typeof strategy === 'function') {
      try {
        const decision = await strategy(conflict);
        return done(decision.value, 'custom', `Custom strategy: ${decision.explanation}`);
      } catch (error) {
        return err(
          failure(
            'custom_failed',
            `The custom strategy for ${field} of ${key} threw: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
    }
    switch (strategy) {
      case 'local_wins':
        return done(
          local.value,
          'local',
          `local_wins: kept local ${show(local.value)} over remote ${show(remote.value)}.`,
        );
      case 'remote_wins':
        return done(
          remote.value,
          'remote',
          `remote_wins: took remote ${show(remote.value)} over local ${show(local.value)}.`,
        );
      case 'merge': {
        const { base } = conflict;
        if (typeof base !== 'number' || typeof local.value !== 'number' || typeof remote.value !== 'number') {
          return err(
            failure(
              'merge_not_applicable',
              `merge needs numeric base, local and remote values for ${field} of ${key}; configure another strategy for this field.`,
            ),
          );
        }
        const merged = mergeQuantities({ base, local: local.value, remotes: [remote.value] });
        return done(merged.value as T, 'merged', merged.explanation);
      }
      case 'manual':
        return this.#park(conflict, 'manual: a person decides', preview);
      case 'most_recent':
        return this.#mostRecent(conflict, done, preview);
    }
  }

  async #mostRecent<T>(
    conflict: Conflict<T>,
    done: (value: T, winner: Resolution['winner'], explanation: string) => Result<Resolution<T>, ConflictFailure>,
    preview: boolean,
  ): Promise<Result<Resolution<T>, ConflictFailure>> {
    const { local, remote } = conflict;
    const l = toMs(local.updatedAt);
    const r = toMs(remote.updatedAt);
    let why: string;
    if (l !== undefined && r !== undefined) {
      const gap = Math.abs(l - r);
      if (gap > this.#skew) {
        return l > r
          ? done(
              local.value,
              'local',
              `most_recent: local changed ${gap} ms after remote (tolerance ${this.#skew} ms); kept local ${show(local.value)}.`,
            )
          : done(
              remote.value,
              'remote',
              `most_recent: remote changed ${gap} ms after local (tolerance ${this.#skew} ms); took remote ${show(remote.value)}.`,
            );
      }
      why = `timestamps ${gap} ms apart are within the ${this.#skew} ms clock-skew tolerance`;
    } else why = 'a timestamp is missing';
    if (this.#tie === 'local_wins')
      return done(local.value, 'local', `most_recent: ${why}; tie broken by local_wins, kept ${show(local.value)}.`);
    if (this.#tie === 'remote_wins')
      return done(
        remote.value,
        'remote',
        `most_recent: ${why}; tie broken by remote_wins, took ${show(remote.value)}.`,
      );
    return this.#park(conflict, `most_recent: ${why}`, preview);
  }

  async #park<T>(
    conflict: Conflict<T>,
    why: string,
    preview: boolean,
  ): Promise<Result<Resolution<T>, ConflictFailure>> {
    const task = preview ? { id: ManualTaskStore.idOf(conflict) } : await this.tasks.park(conflict);
    return err(
      failure(
        'manual_required',
        `${why}; ${preview ? 'would be parked' : 'parked'} as task ${task.id} (local ${show(conflict.local.value)}, remote ${show(conflict.remote.value)}). Resolve it with resolver.tasks.resolve(id, value).`,
        {
          taskId: task.id,
        },
      ),
    );
  }
}

function side<T>(value: T, updatedAt: string | number | undefined): ConflictSide<T> {
  return updatedAt === undefined ? { value } : { value, updatedAt };
}

function toMs(at: string | number | undefined): number | undefined {
  if (at === undefined) return undefined;
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(ms) ? ms : undefined;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
