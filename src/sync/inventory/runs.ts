import type { SyncRuntime } from './runtime.js';
import { noCounters, type RunState } from './state.js';
import { warnAboutUnlistedSkus } from './unlisted-warning.js';

const PAGE = 1_000;

/**
 * The SKUs an incremental run looks at, and the cursors and dirty marks to commit after it.
 */
export interface ChangeSet {
  skus: string[];
  cursors: Record<string, unknown>;
  dirty: Record<string, unknown>;
}

/** A channel's order cursor: the latest `updatedAt` seen and the orders seen at that instant. */
interface OrderCursor {
  at: string;
  seen: string[];
}

/** Reads the source's change log to its end from the stored cursor, skipping the engine's own writes. */
async function sourceChanges(rt: SyncRuntime, into: Set<string> | undefined): Promise<string | undefined> {
  let cursor = (await rt.context.store.get<string>(rt.keys.cursor('source'))) ?? undefined;
  const own = `${rt.id}:`;
  for (;;) {
    const page = await rt.source.changes(cursor, PAGE);
    for (const change of page.changes) if (into && !change.origin?.startsWith(own)) into.add(change.sku);
    const moved = page.cursor !== cursor;
    cursor = page.cursor;
    if (!page.more || !moved) return cursor;
  }
}

/**
 * Collects what changed since the last run: local changes, orders per channel, notifications.
 * @example
 * ```ts
 * const changes: ChangeSet = await collectChanges(rt);
 * ```
 */
export async function collectChanges(rt: SyncRuntime): Promise<ChangeSet> {
  const skus = new Set<string>();
  const cursors: Record<string, unknown> = {};
  const source = await sourceChanges(rt, skus);
  if (source !== undefined) cursors.source = source;
  const startedAt = new Date(rt.context.clock.now()).toISOString();
  for (const channel of rt.channels) {
    if (!channel.api.capabilities.supports('listOrders')) continue;
    const since = (await rt.context.store.get<OrderCursor>(rt.keys.cursor(channel.name))) ?? undefined;
    const next: OrderCursor = since ? { at: since.at, seen: [...since.seen] } : { at: startedAt, seen: [] };
    if (since !== undefined) {
      for await (const order of channel.api.listOrders({ since: since.at }, rt.signal ? { signal: rt.signal } : {})) {
        // `since` is inclusive: orders already seen at the cursor's instant are skipped.
        if (order.updatedAt === since.at && since.seen.includes(order.id)) continue;
        for (const line of order.lineItems) if (line.sku) skus.add(line.sku);
        if (order.updatedAt > next.at) next.seen = [];
        if (order.updatedAt >= next.at) {
          next.at = order.updatedAt;
          next.seen.push(order.id);
        }
      }
    }
    cursors[channel.name] = next;
  }
  const dirty: Record<string, unknown> = {};
  for (const key of await rt.context.store.list(rt.keys.dirtyPrefix)) {
    dirty[key] = await rt.context.store.get(key);
    skus.add(key.slice(rt.keys.dirtyPrefix.length));
  }
  if (rt.resolver) {
    for (const task of await rt.resolver.tasks.list('resolved'))
      if (task.conflict.field === 'quantity') skus.add(task.conflict.key);
  }
  return { skus: [...skus].sort(), cursors, dirty };
}

/**
 * Cursors a full run commits: the end of the source's log and "now" for the channels' orders.
 * @example
 * ```ts
 * run.cursors = await fullRunCursors(rt);
 * ```
 */
export async function fullRunCursors(rt: SyncRuntime): Promise<Record<string, unknown>> {
  const cursors: Record<string, unknown> = {};
  const source = await sourceChanges(rt, undefined);
  if (source !== undefined) cursors.source = source;
  const now = new Date(rt.context.clock.now()).toISOString();
  // A full run looks at every SKU, so orders before it started need no second look.
  for (const channel of rt.channels) cursors[channel.name] = { at: now, seen: [] };
  return cursors;
}

/**
 * Starts a run and stores its state; incremental runs store their SKU list in batches.
 * @example
 * ```ts
 * const run = await startRun(rt, 'incremental', 100);
 * ```
 */
export async function startRun(rt: SyncRuntime, mode: 'full' | 'incremental', batchSize: number): Promise<RunState> {
  const hasCursor = (await rt.context.store.get(rt.keys.cursor('source'))) !== undefined;
  const effective = mode === 'incremental' && !hasCursor ? 'full' : mode;
  const run: RunState = {
    runId: crypto.randomUUID(),
    mode: effective,
    status: 'running',
    startedAt: new Date(rt.context.clock.now()).toISOString(),
    batch: 0,
    counters: noCounters(),
    failures: [],
  };
  if (effective === 'full') {
    run.cursors = await fullRunCursors(rt);
    run.dirty = {};
    for (const key of await rt.context.store.list(rt.keys.dirtyPrefix))
      run.dirty[key] = await rt.context.store.get(key);
  } else {
    const changes = await collectChanges(rt);
    run.cursors = changes.cursors;
    run.dirty = changes.dirty;
    run.totalSkus = changes.skus.length;
    run.batches = Math.ceil(changes.skus.length / batchSize);
    for (let i = 0; i < run.batches; i++)
      await rt.context.store.set(rt.keys.batch(run.runId, i), changes.skus.slice(i * batchSize, (i + 1) * batchSize));
  }
  await rt.context.store.set(rt.keys.run, run);
  return run;
}

/**
 * The SKUs of the run's next batch, or undefined when the run has none left.
 * @example
 * ```ts
 * const skus = await nextBatch(rt, run, 100); // undefined when the run has no batch left
 * ```
 */
export async function nextBatch(rt: SyncRuntime, run: RunState, batchSize: number): Promise<string[] | undefined> {
  if (run.mode === 'full') {
    const skus = await rt.source.listSkus(run.after, batchSize);
    return skus.length > 0 ? [...skus] : undefined;
  }
  if (run.batch >= (run.batches ?? 0)) return undefined;
  return (await rt.context.store.get<string[]>(rt.keys.batch(run.runId, run.batch))) ?? [];
}

/**
 * Commits cursors, clears the dirty marks the run covered and marks it completed.
 * @example
 * ```ts
 * run = await completeRun(rt, run);
 * ```
 */
export async function completeRun(rt: SyncRuntime, run: RunState): Promise<RunState> {
  const store = rt.context.store;
  for (const [name, cursor] of Object.entries(run.cursors ?? {})) await store.set(rt.keys.cursor(name), cursor);
  // A mark set again after the run started holds a different value and survives.
  for (const [key, value] of Object.entries(run.dirty ?? {})) await store.compareAndSet(key, value, undefined);
  for (let i = 0; i < (run.batches ?? 0); i++) await store.delete(rt.keys.batch(run.runId, i));
  const done: RunState = { ...run, status: 'completed', finishedAt: new Date(rt.context.clock.now()).toISOString() };
  await store.set(rt.keys.run, done);
  warnAboutUnlistedSkus(rt, done);
  return done;
}
