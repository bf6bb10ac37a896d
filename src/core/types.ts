/**
 * A value or a promise of it: what injected interfaces may return.
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
 */
export interface OperationOptions {
  /** Cancels the operation; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}
