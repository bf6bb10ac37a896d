import PQueue from 'p-queue';

/**
 * Runs `work` on every item with at most `limit` in flight; results in input order. The
 * request pipeline paces the calls; this only bounds how many wait at once.
 *
 * @example
 * ```ts
 * const levels = await mapWithConcurrency(chunks, 4, (chunk) => client.multigetItems(chunk));
 * ```
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const queue = new PQueue({ concurrency: Math.max(1, limit) });
  return Promise.all(items.map((item, index) => queue.add(() => work(item, index))));
}

/**
 * Splits `items` into chunks of at most `size`.
 *
 * @example
 * ```ts
 * chunksOf(['MLA1', 'MLA2', 'MLA3'], 2); // [['MLA1', 'MLA2'], ['MLA3']]
 * ```
 */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
