/**
 * The error side of a neverthrow `Result` for checks whose failure is an expected answer
 * (webhook verification, config and action validation, safety checks, conflict resolution,
 * mapping of untrusted payloads): a string-literal `reason` to switch on and a readable
 * `message`.
 *
 * @example
 * ```ts
 * const result = verifier.verify(request);
 * if (result.isErr()) {
 *   switch (result.error.reason) {
 *     case 'signature_mismatch': return new Response('forbidden', { status: 401 });
 *   }
 * }
 * ```
 *
 * @category Context
 */
export interface Failure<R extends string = string> {
  /** Machine-readable reason. */
  reason: R;
  /** What went wrong and how to fix it. */
  message: string;
  /** Optional structured context (never secrets). */
  details?: Record<string, unknown>;
}

/**
 * Builds a {@link Failure}.
 *
 * @example
 * ```ts
 * return err(failure('too_many_decimals', 'EUR has 2 decimals; got "1.005".'));
 * ```
 *
 * @category Context
 */
export function failure<R extends string>(reason: R, message: string, details?: Record<string, unknown>): Failure<R> {
  return details === undefined ? { reason, message } : { reason, message, details };
}
