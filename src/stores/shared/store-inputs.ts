import { ValidationError } from '../../core/errors/validation-error.js';
import type { BucketTake } from '../bucket.js';
import type { SetOptions } from '../store.js';

/**
 * The TTL of `options` as whole milliseconds (Redis PX takes integers), or `undefined`;
 * throws a ValidationError for a TTL that is not a positive number.
 *
 * @example
 * ```ts
 * ttlOf({ ttlMs: 1.5 }); // 2
 * ```
 */
export function ttlOf(options: SetOptions | undefined, what = 'store TTL'): number | undefined {
  const ttl = options?.ttlMs;
  if (ttl === undefined) return undefined;
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) {
    throw new ValidationError(what, [
      { path: ['ttlMs'], message: `Expected a positive number of milliseconds, got ${ttl}.` },
    ]);
  }
  return Math.ceil(ttl);
}

/**
 * Canonical JSON of a value to store, rejecting what JSON cannot hold.
 *
 * @example
 * ```ts
 * jsonOf('k', canonicalJson({ b: 1, a: 2 })); // '{"a":2,"b":1}'
 * ```
 */
export function jsonOf(key: string, json: string | undefined): string {
  if (json === undefined) {
    throw new ValidationError('store value', [
      { path: [key], message: 'Values must be JSON-serialisable (not undefined or a function).' },
    ]);
  }
  return json;
}

/**
 * Throws a ValidationError with every problem of a bucket take at once, as takeFromBucket does.
 *
 * @example
 * ```ts
 * checkTake({ key: 'k', capacity: 10, refillPerSecond: 1, cost: 1 });
 * ```
 */
export function checkTake(take: BucketTake): void {
  const issues = [];
  if (!(take.capacity > 0) || !Number.isFinite(take.capacity))
    issues.push({ path: ['capacity'], message: 'Expected a positive number.' });
  if (!(take.refillPerSecond > 0) || !Number.isFinite(take.refillPerSecond))
    issues.push({ path: ['refillPerSecond'], message: 'Expected a positive number.' });
  if (!Number.isFinite(take.cost)) issues.push({ path: ['cost'], message: 'Expected a finite number.' });
  if (issues.length) throw new ValidationError('bucket take', issues);
}

/**
 * How long a bucket is kept: the time to refill from empty, twice (as takeFromBucket does).
 *
 * @example
 * ```ts
 * bucketTtlMs({ key: 'k', capacity: 10, refillPerSecond: 5, cost: 1 }); // 4000
 * ```
 */
export function bucketTtlMs(take: BucketTake): number {
  return Math.max(1000, Math.ceil((take.capacity / take.refillPerSecond) * 1000 * 2));
}
