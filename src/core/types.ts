/**
 * A value or a promise of it: what injected interfaces may return.
 *
 * @category Context
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * A function that undoes a registration, such as an event listener.
 *
 * @example
 * ```ts
 * const dispose: Disposer = events.on('throttled', () => {});
 * dispose();
 * ```
 *
 * @category Context
 */
export type Disposer = () => void;

/**
 * Options every async operation accepts.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * await marketplace.getOrder('123', { signal: controller.signal });
 * ```
 *
 * @category Context
 */
export interface OperationOptions {
  /** Cancels the operation; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}
