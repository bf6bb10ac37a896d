import type { MaybePromise } from '../../core/types.js';
import type { Failure } from '../../core/result.js';

/**
 * One side of a conflict: its value and, for `most_recent`, when it last changed (ISO
 * timestamp or epoch milliseconds).
 *
 * @category Conflict resolver
 */
export interface ConflictSide<T> {
  value: T;
  updatedAt?: string | number;
}

/**
 * Two sides disagree about one field of one record.
 *
 * @example
 * ```ts
 * const conflict: Conflict<number> = {
 *   key: 'SKU-1', field: 'quantity', base: 10,
 *   local: { value: 12 }, remote: { value: 7 },
 * };
 * ```
 *
 * @category Conflict resolver
 */
export interface Conflict<T = unknown> {
  /** The record, e.g. a SKU. */
  key: string;
  /** The field, e.g. `quantity` or `price`. */
  field: string;
  /** The last value both sides agreed on, when known (needed by `merge`). */
  base?: T;
  local: ConflictSide<T>;
  remote: ConflictSide<T>;
}

/**
 * Which side a resolution took: one of them, a merge of both, a custom function's choice, or
 * nothing to do because the sides agreed.
 *
 * @category Conflict resolver
 */
export type ResolutionWinner = 'local' | 'remote' | 'merged' | 'custom' | 'unchanged' | 'manual';

/**
 * A resolved conflict: the value to keep and, always, why.
 *
 * @example
 * ```ts
 * const resolution: Resolution<number> = await resolver.resolve(conflict).then((r) => r._unsafeUnwrap());
 * console.log(resolution.explanation);
 * ```
 *
 * @category Conflict resolver
 */
export interface Resolution<T = unknown> {
  key: string;
  field: string;
  value: T;
  /** The strategy that decided (`custom` for a function). */
  strategy: string;
  winner: ResolutionWinner;
  /** A sentence a seller can read: what each side said and why this value won. */
  explanation: string;
}

/**
 * What a custom strategy returns: the value and why.
 *
 * @category Conflict resolver
 */
export interface CustomDecision<T = unknown> {
  value: T;
  explanation: string;
}

/**
 * A strategy written by the host. It gets the whole conflict and returns the value to keep.
 *
 * @example
 * ```ts
 * const lowest: CustomStrategy<number> = ({ local, remote }) => ({
 *   value: Math.min(local.value, remote.value),
 *   explanation: 'the lower stock is the safer one',
 * });
 * ```
 *
 * @category Conflict resolver
 */
// biome-ignore lint/suspicious/noExplicitAny: the default means "of some value type", which TypeScript cannot say (it has no existential types): a strategy written for one field's values (numbers, Money) must fit the per-field map of strategies, whose value types differ by field.
export type CustomStrategy<T = any> = (conflict: Conflict<T>) => MaybePromise<CustomDecision<T>>;

/**
 * The built-in strategies:
 * - `local_wins`: the source of truth's value;
 * - `remote_wins`: the marketplace's value;
 * - `most_recent`: the side changed last, with a clock-skew tolerance;
 * - `manual`: park the conflict as a task in the store for a person to decide;
 * - `merge`: three-way merge of numbers (`base + localDelta + remoteDelta`, never below zero).
 *
 * @category Conflict resolver
 */
export type StrategyName = 'local_wins' | 'remote_wins' | 'most_recent' | 'manual' | 'merge';

/**
 * A built-in strategy by name or a custom function.
 *
 * @category Conflict resolver
 */
export type Strategy = StrategyName | CustomStrategy;

/**
 * Why a conflict was not resolved:
 * - `manual_required`: parked as a task (`details.taskId`); resolve it with `resolveTask`;
 * - `merge_not_applicable`: `merge` needs numeric values and a numeric base;
 * - `custom_failed`: the custom function threw.
 *
 * @category Conflict resolver
 */
export type ConflictFailureReason = 'manual_required' | 'merge_not_applicable' | 'custom_failed';

/**
 * The error side of {@link ConflictResolver.resolve}.
 *
 * @category Conflict resolver
 */
export type ConflictFailure = Failure<ConflictFailureReason>;
