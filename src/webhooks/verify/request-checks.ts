import { err, ok, type Result } from 'neverthrow';
import { failure } from '../../core/result.js';
import { headerValues, type WebhookRequest } from '../request.js';
import type { WebhookFailure } from './types.js';

/**
 * The single value of a header that must appear exactly once.
 *
 * @example
 * ```ts
 * const header = singleHeader(request, 'webhook-id');
 * ```
 */
export function singleHeader(request: WebhookRequest, name: string): Result<string, WebhookFailure> {
  return exactlyOnce(name, headerValues(request, name));
}

/**
 * The one value of header `name` among `values` (as {@link headerValues} found them), or why
 * there is not exactly one.
 *
 * @example
 * ```ts
 * const [signatures] = headersValues(request, ['x-signature']);
 * const signature = exactlyOnce('x-signature', signatures);
 * ```
 */
export function exactlyOnce(name: string, values: readonly string[]): Result<string, WebhookFailure> {
  if (values.length === 0)
    return err(failure('missing_header', `The ${name} header is missing; is the request from the platform?`));
  if (values.length > 1)
    return err(failure('duplicate_header', `The ${name} header appears ${values.length} times; expected once.`));
  return ok(values[0] as string);
}

/**
 * Parses an epoch-seconds timestamp written as plain digits.
 *
 * @example
 * ```ts
 * parseTimestamp('1614265330'); // ok(1614265330)
 * ```
 */
export function parseTimestamp(text: string): Result<number, WebhookFailure> {
  if (!/^[0-9]{1,12}$/.test(text))
    return err(failure('malformed_timestamp', 'The signed timestamp must be an integer number of seconds.'));
  return ok(Number(text));
}

/**
 * Checks `timestamp` (s) against `nowMs` in both directions.
 *
 * @example
 * ```ts
 * checkTimestamp(ts, clock.now(), 300);
 * ```
 */
export function checkTimestamp(
  timestamp: number,
  nowMs: number,
  toleranceSeconds: number,
): Result<number, WebhookFailure> {
  const nowSeconds = Math.floor(nowMs / 1000);
  if (timestamp < nowSeconds - toleranceSeconds) {
    return err(
      failure(
        'timestamp_too_old',
        `The signed timestamp is more than ${toleranceSeconds} s old; replays are rejected.`,
      ),
    );
  }
  if (timestamp > nowSeconds + toleranceSeconds) {
    return err(
      failure(
        'timestamp_in_future',
        `The signed timestamp is more than ${toleranceSeconds} s in the future; check the clocks.`,
      ),
    );
  }
  return ok(timestamp);
}

/**
 * The hint every signature mismatch carries.
 *
 * @example
 * ```ts
 * failure('signature_mismatch', `Signature does not match. ${MISMATCH_HINT}`);
 * ```
 */
export const MISMATCH_HINT =
  'Verify the raw body bytes exactly as received (not a re-serialised object) with the endpoint secret.';
