import { err, ok, type Result } from 'neverthrow';
import type { Clock } from '../../core/clock.js';
import { failure, type Failure } from '../../core/result.js';
import type { Store } from '../../stores/store.js';
import type { Conflict } from './types.js';

/**
 * A conflict waiting for a person: what both sides said, and once decided, the chosen value.
 *
 * @category Conflict resolver
 */
export interface ManualTask {
  /** `key` and `field` joined; the same conflict parked twice stays one task. */
  id: string;
  conflict: Conflict;
  status: 'open' | 'resolved';
  /** When it was parked (ISO timestamp). */
  createdAt: string;
  /** The chosen value and when, once resolved. */
  resolution?: { value: unknown; resolvedAt: string; note?: string };
}

/**
 * Why a task could not be resolved or taken.
 *
 * @category Conflict resolver
 */
export type ManualTaskFailureReason = 'not_found' | 'already_resolved';

/**
 * Manual conflict tasks kept in the host's {@link Store}, so any process can list and resolve
 * them.
 *
 * @example
 * ```ts
 * const tasks = new ManualTaskStore(store, clock);
 * for (const task of await tasks.list()) await tasks.resolve(task.id, task.conflict.local.value);
 * ```
 *
 * @category Conflict resolver
 */
export class ManualTaskStore {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #prefix: string;

  /**
   * @param store - where tasks live
   * @param clock - stamps `createdAt`/`resolvedAt`
   * @param prefix - key prefix (default `conflicts:`)
   */
  constructor(store: Store, clock: Clock, prefix = 'conflicts:') {
    this.#store = store;
    this.#clock = clock;
    this.#prefix = prefix;
  }

  /** The id a conflict's task has. */
  static idOf(conflict: Pick<Conflict, 'key' | 'field'>): string {
    return `${conflict.key}#${conflict.field}`;
  }

  /** Parks a conflict; an open task for the same key and field is refreshed, not duplicated. */
  async park(conflict: Conflict): Promise<ManualTask> {
    const id = ManualTaskStore.idOf(conflict);
    const existing = await this.get(id);
    const task: ManualTask = {
      id,
      conflict: structuredClone(conflict),
      status: 'open',
      createdAt: existing?.status === 'open' ? existing.createdAt : new Date(this.#clock.now()).toISOString(),
    };
    await this.#store.set(this.#prefix + id, task);
    return task;
  }

  /** One task by id. */
  async get(id: string): Promise<ManualTask | undefined> {
    return (await this.#store.get<ManualTask>(this.#prefix + id)) ?? undefined;
  }

  /** Every task (open first, then resolved), optionally only one status. */
  async list(status?: ManualTask['status']): Promise<ManualTask[]> {
    const keys = await this.#store.list(this.#prefix);
    const tasks: ManualTask[] = [];
    for (const key of keys) {
      const task = await this.#store.get<ManualTask>(key);
      if (task && (status === undefined || task.status === status)) tasks.push(task);
    }
    return tasks.sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1));
  }

  /** Records a person's decision. */
  async resolve(
    id: string,
    value: unknown,
    note?: string,
  ): Promise<Result<ManualTask, Failure<ManualTaskFailureReason>>> {
    const task = await this.get(id);
    if (!task) return err(failure('not_found', `No conflict task ${id}; list open ones with tasks.list('open').`));
    if (task.status === 'resolved')
      return err(failure('already_resolved', `Task ${id} was already resolved.`, { value: task.resolution?.value }));
    const resolved: ManualTask = {
      ...task,
      status: 'resolved',
      resolution: {
        value,
        resolvedAt: new Date(this.#clock.now()).toISOString(),
        ...(note === undefined ? {} : { note }),
      },
    };
    await this.#store.set(this.#prefix + id, resolved);
    return ok(resolved);
  }

  /** Removes a resolved task once its value has been applied; resolves the removed task. */
  async take(id: string): Promise<ManualTask | undefined> {
    const task = await this.get(id);
    if (task?.status !== 'resolved') return undefined;
    return (await this.#store.compareAndSet(this.#prefix + id, task, undefined)) ? task : undefined;
  }
}
