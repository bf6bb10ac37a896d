/**
 * Splits `items` into groups of at most `size` (eBay's bulk calls take 25).
 *
 * @example
 * ```ts
 * chunksOf([1, 2, 3], 2); // [[1, 2], [3]]
 * ```
 */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs `work` on every item with at most `limit` in flight; results in input order. A failing
 * item rejects the whole run, so `work` should turn per-item failures into values.
 *
 * @example
 * ```ts
 * const outcomes = await eachConcurrently(chunks, 2, (chunk) => sendChunk(chunk));
 * ```
 */
export async function eachConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
