import { canonicalJson } from '../stores/store.js';

/**
 * A conformance case found the implementation breaking the contract; the message says which
 * expectation failed and what was observed.
 *
 * @example
 * ```ts
 * try { await someCase.run(); } catch (error) { if (error instanceof ConformanceError) console.log(error.message); }
 * ```
 *
 * @category Clock and assertions
 */
export class ConformanceError extends Error {
  override name = 'ConformanceError';
}

/** Throws a {@link ConformanceError} unless `actual` and `expected` have equal canonical JSON. */
export function assertEqual(actual: unknown, expected: unknown, what: string): void {
  const a = actual === undefined ? 'undefined' : canonicalJson(actual);
  const e = expected === undefined ? 'undefined' : canonicalJson(expected);
  if (a !== e) throw new ConformanceError(`${what}: expected ${e}, got ${a}`);
}

/** Throws unless `promise` rejects (or `fn` throws). */
export async function assertRejects(fn: () => unknown, what: string): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new ConformanceError(`${what}: expected an error, but it succeeded`);
}
