import type { MaybePromise } from './types.js';

/**
 * What an auth hook learns about the attempt it is authorising.
 *
 * @category Context
 */
export interface AuthHookContext {
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** The marketplace name. */
  platform: string;
  /** The operation the request belongs to. */
  operation: string;
  /** Cancels any token work. */
  signal?: AbortSignal;
}

/**
 * The pipeline's auth stage: attaches credentials to every attempt and, when the platform says
 * a token is no longer valid, gets a fresh one. The OAuth helpers provide implementations
 * (single-flight refresh, client credentials); a static API key is a three-line hook.
 *
 * @example
 * ```ts
 * const apiKeyAuth: AuthHook = {
 *   authorize: (request) => { request.headers.set('x-api-key', key); },
 *   secrets: () => [key],
 * };
 * ```
 *
 * @category Context
 */
export interface AuthHook {
  /** Adds credentials to the request (mutate its headers or return a new Request). */
  // biome-ignore lint/suspicious/noConfusingVoidType: "a Request, or nothing" as hooks are written: `Request | undefined` would refuse a hook typed `(): void` or an async one that returns a Request on one path only (`Promise<void | Request>`).
  authorize(request: Request, context: AuthHookContext): MaybePromise<Request | void>;
  /**
   * Called when the platform answered 401 (or its own "token expired" shape). Return `true`
   * after refreshing to have the request sent once more with new credentials.
   */
  onUnauthorized?(response: Response, context: AuthHookContext): MaybePromise<boolean>;
  /** Secret values currently in use, so that errors, logs and events can redact them. */
  secrets?(): readonly string[];
}
