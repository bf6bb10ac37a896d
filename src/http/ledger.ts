import type { Clock } from '../core/clock.js';
import { ConflictError } from '../core/errors/conflict-error.js';
import type { Store } from '../stores/store.js';
import { isUnknownOutcome } from './outcome.js';

/**
 * What the ledger keeps for one write intent.
 *
 * @category Ledger
 */
export interface LedgerEntry<R = unknown> {
  key: string;
  operation: string;
  status: 'pending' | 'done' | 'failed';
  createdAt: number;
  updatedAt: number;
  /** Times the write was sent. */
  sends: number;
  result?: R;
  reason?: string;
}

/**
 * The answer of a read-back: the platform shows the write (`applied`, with what to return),
 * shows it did not happen (`not_applied`), or cannot tell yet (`unknown`).
 *
 * @example
 * ```ts
 * const answer: ReadBackResult<{ id: string }> = order.shipments.some((s) => s.tracking === tracking)
 *   ? { status: 'applied', result: { id: order.id } }
 *   : { status: 'not_applied' };
 * ```
 *
 * @category Ledger
 */
export type ReadBackResult<R> = { status: 'applied'; result: R } | { status: 'not_applied' } | { status: 'unknown' };

/**
 * One write through the ledger.
 *
 * @example
 * ```ts
 * const write: LedgerWrite<{ ok: true }> = {
 *   key: `confirmShipment:${orderId}:${tracking}`,
 *   operation: 'confirmShipment',
 *   send: () => client.request({ operation: 'confirmShipment', method: 'POST', path, json }).then(() => ({ ok: true })),
 *   readBack: async () => ((await getOrder(orderId)).shipped ? { status: 'applied', result: { ok: true } } : { status: 'not_applied' }),
 * };
 * ```
 *
 * @category Ledger
 */
export interface LedgerWrite<R> {
  /** The intent's identity: the same logical write always has the same key. */
  key: string;
  operation: string;
  /** Sends the write once. */
  send(signal?: AbortSignal): Promise<R>;
  /** Looks at the platform to learn whether the write happened. */
  readBack(signal?: AbortSignal): Promise<ReadBackResult<R>>;
  /** Whether a failure leaves the outcome unknown (default: timeouts, resets, 5xx). */
  isUnknownOutcome?(error: unknown): boolean;
  signal?: AbortSignal;
}

/**
 * Options of {@link OperationLedger}.
 *
 * @example
 * ```ts
 * const options: OperationLedgerOptions = { store, clock, ttlMs: 7 * 86_400_000 };
 * ```
 *
 * @category Ledger
 */
export interface OperationLedgerOptions {
  store: Store;
  clock: Clock;
  /** Store key prefix (default `mb:ledger`). */
  prefix?: string;
  /** How long entries are kept (default 7 days). */
  ttlMs?: number;
  /** Most sends of one intent, counting re-sends after a read-back said `not_applied` (default 2). */
  maxSends?: number;
}

/**
 * Makes writes that are not idempotent by construction safe to retry: the intent is recorded
 * in the `Store` before sending; a write whose outcome is unknown (timeout, reset, 5xx after
 * send, a crash) is resolved by a read-back, never by a blind re-send; a finished intent
 * returns its recorded result without sending again.
 *
 * @example
 * ```ts
 * const ledger = new OperationLedger({ store: context.store, clock: context.clock });
 * const result = await ledger.execute(write); // safe to call again after a crash
 * ```
 *
 * @category Ledger
 */
export class OperationLedger {
  readonly #options: OperationLedgerOptions;

  /** @param options - store, clock and limits */
  constructor(options: OperationLedgerOptions) {
    this.#options = options;
  }

  /** The entry of an intent, if recorded. */
  async get<R = unknown>(key: string): Promise<LedgerEntry<R> | undefined> {
    return this.#options.store.get<LedgerEntry<R>>(this.#key(key));
  }

  /** Performs a write at most once per intent, resolving unknown outcomes by read-back. */
  async execute<R>(write: LedgerWrite<R>): Promise<R> {
    const key = this.#key(write.key);
    const { store } = this.#options;
    const existing = await store.get<LedgerEntry<R>>(key);
    if (existing?.status === 'done') return existing.result as R;
    let entry: LedgerEntry<R>;
    if (existing?.status === 'pending') {
      // A previous run recorded the intent and never learned the outcome.
      const resolved = await this.#readBack(write, existing, undefined);
      if (resolved.done) return resolved.result;
      entry = resolved.entry;
    } else {
      const now = this.#options.clock.now();
      entry = {
        key: write.key,
        operation: write.operation,
        status: 'pending',
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        sends: existing?.sends ?? 0,
      };
      if (!(await store.compareAndSet(key, existing, entry, this.#ttl()))) {
        throw new ConflictError(`The write ${write.key} is being performed by another worker; try again later.`, {
          operation: write.operation,
        });
      }
    }
    return this.#send(write, entry);
  }

  async #send<R>(write: LedgerWrite<R>, entry: LedgerEntry<R>): Promise<R> {
    const maxSends = this.#options.maxSends ?? 2;
    for (;;) {
      write.signal?.throwIfAborted();
      entry = await this.#update(entry, { sends: entry.sends + 1 });
      try {
        const result = await write.send(write.signal);
        await this.#update(entry, { status: 'done', result });
        return result;
      } catch (error) {
        const unknown = (write.isUnknownOutcome ?? isUnknownOutcome)(error);
        if (!unknown) {
          await this.#update(entry, {
            status: 'failed',
            reason: error instanceof Error ? error.message : String(error),
          });
          throw error;
        }
        const resolved = await this.#readBack(write, entry, error);
        if (resolved.done) return resolved.result;
        entry = resolved.entry;
        if (entry.sends >= maxSends) {
          await this.#update(entry, { status: 'failed', reason: 'not applied after the maximum number of sends' });
          throw error;
        }
      }
    }
  }

  async #readBack<R>(
    write: LedgerWrite<R>,
    entry: LedgerEntry<R>,
    error: unknown,
  ): Promise<{ done: true; result: R } | { done: false; entry: LedgerEntry<R> }> {
    const answer = await write.readBack(write.signal);
    if (answer.status === 'applied') {
      await this.#update(entry, { status: 'done', result: answer.result });
      return { done: true, result: answer.result };
    }
    if (answer.status === 'unknown') {
      // Leave the intent pending: the next execute() reads back again instead of re-sending.
      throw (
        error ??
        new ConflictError(`The outcome of ${write.key} is still unknown; read it back later.`, {
          operation: write.operation,
          retryable: true,
        })
      );
    }
    return { done: false, entry };
  }

  async #update<R>(entry: LedgerEntry<R>, patch: Partial<LedgerEntry<R>>): Promise<LedgerEntry<R>> {
    const next = { ...entry, ...patch, updatedAt: this.#options.clock.now() };
    await this.#options.store.set(this.#key(entry.key), next, this.#ttl());
    return next;
  }

  #key(key: string): string {
    return `${this.#options.prefix ?? 'mb:ledger'}:${key}`;
  }

  #ttl() {
    return { ttlMs: this.#options.ttlMs ?? 7 * 86_400_000 };
  }
}
