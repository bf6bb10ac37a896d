import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';
import type { AmazonMapReason } from './money.js';

/**
 * An SP-API date-time as a canonical ISO timestamp, or an `invalid_payload` failure naming the
 * field: `new Date(text).toISOString()` alone would throw a bare RangeError on a malformed value.
 *
 * @example
 * ```ts
 * isoTimeFrom('2026-11-01T10:00:00Z', 'createdTime of 902-1845936-5435065'); // Ok('2026-11-01T10:00:00.000Z')
 * ```
 */
export function isoTimeFrom(value: string | undefined, where: string): Result<string, Failure<AmazonMapReason>> {
  const time = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(time)
    ? err(failure('invalid_payload', `${where} is not an ISO 8601 date-time: "${value ?? ''}".`))
    : ok(new Date(time).toISOString());
}
