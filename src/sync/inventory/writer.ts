import { isMarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { fnv1a32, hash53 } from '../../core/hash.js';
import type { ResolvedChannel, SyncRuntime } from './runtime.js';
import { adjustBatch, setBatch } from './write-batch.js';
import { readChannel } from './planner.js';
import { encodeJournal, type StoredBase } from './codec.js';
import type { ChannelBase, ChannelCounters, Journal, Observed, SkuPlan, SyncFailure } from './state.js';

interface Pending {
  plan: SkuPlan;
  /** The plan's position in the journal, which names it in write markers. */
  index: number;
  channel: ResolvedChannel;
  seen: Observed;
  target: number;
}

type Outcome =
  | { kind: 'done'; base: ChannelBase }
  | { kind: 'retry' }
  | { kind: 'failed'; code: string; message: string };
/** What one item's answer said; `unknown`: the item failed in a way that may have applied it (a timeout, a lost answer). */
type Answer = Outcome | { kind: 'unknown'; error: unknown };

/**
 * Counters and failures a round adds to the run.
 */
export interface RoundTally {
  channels: Record<string, ChannelCounters>;
  failures: SyncFailure[];
  sourceDeltas: number;
  sourceUnits: number;
  /** Keys of the write markers this process stored, to remove at the checkpoint without listing the store. */
  markers?: string[];
}

/**
 * Carries out one journaled round: applies the source deltas (idempotent by key), writes the
 * channels (decreases before increases, so the channels never show more than the stock in
 * between), saves the resulting bases and marks the journal `written`. A round resumed after a crash
 * (`resumed`) first reads back what its earlier attempt already wrote.
 * @example
 * ```ts
 * journal = await executeRound(rt, journal, tally, false);
 * ```
 */
export async function executeRound(
  rt: SyncRuntime,
  journal: Journal,
  tally: RoundTally,
  resumed: boolean,
): Promise<Journal> {
  const active = journal.plans.filter((plan) => !plan.manual);
  const deltas = active
    .filter((plan) => plan.sourceDelta !== 0)
    .map((plan) => ({ sku: plan.sku, delta: plan.sourceDelta, key: plan.key, reason: plan.explanation }));
  if (deltas.length > 0) await rt.source.applyDeltas(deltas);
  tally.sourceDeltas += deltas.length;
  tally.sourceUnits += deltas.reduce((sum, d) => sum + Math.abs(d.delta), 0);
  await rt.step({ name: 'source_applied', runId: journal.runId, batch: journal.batch });

  const outcomes = new Map<string, Outcome>();
  const id = (sku: string, channel: string) => `${channel}\u0000${sku}`;
  let pending: Pending[] = [];
  journal.plans.forEach((plan, index) => {
    if (plan.manual) return;
    for (const channel of rt.channels) {
      const seen = plan.observed[channel.name];
      const target = plan.targets[channel.name];
      if (!seen || target === undefined) continue;
      if (target === seen.q) {
        outcomes.set(id(plan.sku, channel.name), { kind: 'done', base: { q: seen.q, v: seen.v } });
        counter(tally, channel.name).unchanged++;
      } else pending.push({ plan, index, channel, seen, target });
    }
  });

  const planned = pending;
  // A resumed round may have written some of its items before the crash: read them back first.
  if (resumed) pending = await reconcile(rt, journal, pending, outcomes, id);

  const decreases = pending.filter((p) => p.target < p.seen.q);
  const increases = pending.filter((p) => p.target > p.seen.q);
  await writeAll(rt, journal, tally, decreases, outcomes, id);
  const blocked = new Set(
    planned
      .filter((p) => p.target < p.seen.q && outcomes.get(id(p.plan.sku, p.channel.name))?.kind !== 'done')
      .map((p) => p.plan.sku),
  );
  const allowed: Pending[] = [];
  for (const p of increases) {
    // An increase computed on the assumption that another channel went down first waits for that.
    if (blocked.has(p.plan.sku)) outcomes.set(id(p.plan.sku, p.channel.name), { kind: 'retry' });
    else allowed.push(p);
  }
  await writeAll(rt, journal, tally, allowed, outcomes, id);

  const retry = new Set<string>();
  for (const plan of active) {
    // Built directly in the stored form: `[s, channel, q, v, ...]`. Channels the base knew but
    // this round did not see are carried over.
    const record: StoredBase = [plan.merged];
    const known = plan.base?.c;
    for (const name in known)
      if (!plan.observed[name]) record.push(name, (known[name] as ChannelBase).q, (known[name] as ChannelBase).v);
    for (const channel of rt.channels) {
      const seen = plan.observed[channel.name];
      if (!seen) {
        counter(tally, channel.name).missing++;
        continue;
      }
      const outcome = outcomes.get(id(plan.sku, channel.name));
      const counters = counter(tally, channel.name);
      if (outcome?.kind === 'done') {
        record.push(channel.name, outcome.base.q, outcome.base.v);
        if (plan.targets[channel.name] !== seen.q) counters.written++;
      } else {
        // The source has accounted for what was seen; the write is planned again or reported.
        record.push(channel.name, seen.q, seen.v);
        if (outcome?.kind === 'failed') {
          counters.failed++;
          if (tally.failures.length < 100)
            tally.failures.push({
              sku: plan.sku,
              marketplace: channel.name,
              code: outcome.code,
              message: outcome.message,
            });
        } else {
          counters.stale++;
          retry.add(plan.sku);
        }
      }
    }
    // Saved here, before the journal says `written`: a process that dies half-way through
    // finishes the round from the journal and saves the same bases again, and a base is only
    // read for planning after the batch's checkpoint. The journal need not carry them.
    await rt.context.store.set(rt.keys.base(plan.sku), record);
  }
  await rt.step({ name: 'bases_saved', runId: journal.runId, batch: journal.batch });
  const written: Journal = {
    ...journal,
    status: 'written',
    plans: [],
    retry: [...retry],
    manual: journal.plans.filter((plan) => plan.manual).length,
    tasks: active.flatMap((plan) => (plan.fromTask ? [plan.fromTask] : [])),
  };
  await rt.context.store.set(rt.keys.journal, encodeJournal(written));
  await rt.step({ name: 'written', runId: journal.runId, batch: journal.batch });
  return written;
}

function counter(tally: RoundTally, channel: string): ChannelCounters {
  tally.channels[channel] ??= { written: 0, unchanged: 0, stale: 0, failed: 0, missing: 0 };
  return tally.channels[channel];
}

/** A record of one write call in the store: sent (outcome unknown) until its answer is recorded. */
interface WriteMarker {
  channel: string;
  /** The items of the call, by their plan's position in the journal (markers of earlier versions: `skus`). */
  plans: number[];
  /** Per SKU: a write that took effect as the version it left (the quantity is the plan's target), `null` for "not applied", `[code, message]` for a refusal. */
  outcomes?: StoredOutcome[];
}

type StoredOutcome = number | null | [string, string];

function storeOutcome(outcome: Outcome): StoredOutcome {
  if (outcome.kind === 'done') return outcome.base.v;
  return outcome.kind === 'retry' ? null : [outcome.code, outcome.message];
}

/** Reads a recorded answer for `p`; markers of earlier versions hold {@link Outcome} objects. */
function loadOutcome(stored: StoredOutcome | Outcome | undefined, p: Pending): Outcome | undefined {
  if (stored === undefined) return undefined;
  if (typeof stored === 'number') return { kind: 'done', base: { q: p.target, v: stored } };
  if (stored === null) return { kind: 'retry' };
  if (Array.isArray(stored)) return { kind: 'failed', code: stored[0], message: stored[1] };
  return stored;
}

function markerPrefix(rt: SyncRuntime, journal: Journal): string {
  return `${rt.keys.prefix}w:${journal.runId}:${journal.batch}:${journal.round}:`;
}

/**
 * Removes the write markers of a batch once its bases are saved: those this process stored
 * (`tally.markers`) and, for a batch resumed after a crash (`resumed`), any other process's,
 * found by listing the store.
 *
 * @example
 * ```ts
 * await clearWriteMarkers(rt, run.runId, run.batch, tally, resumed !== undefined);
 * ```
 */
export async function clearWriteMarkers(
  rt: SyncRuntime,
  runId: string,
  batch: number,
  tally: RoundTally,
  resumed: boolean,
): Promise<void> {
  // Markers are only stored after the batch's journal, so a batch that did not start from a
  // crashed process's journal has only this process's markers.
  const keys = resumed ? await rt.context.store.list(`${rt.keys.prefix}w:${runId}:${batch}:`) : (tally.markers ?? []);
  for (const key of keys) await rt.context.store.delete(key);
}

async function writeAll(
  rt: SyncRuntime,
  journal: Journal,
  tally: RoundTally,
  items: Pending[],
  outcomes: Map<string, Outcome>,
  id: (sku: string, channel: string) => string,
): Promise<void> {
  // Each call is marked before it is sent and its answer recorded after, so a process that
  // resumes this round knows which calls never left and which answers it has: only a call in
  // flight at the crash needs reading back.
  const attempt = crypto.randomUUID();
  let n = 0;
  for (const channel of rt.channels) {
    const mine = items.filter((p) => p.channel === channel);
    for (let start = 0; start < mine.length; start += channel.maxBatch) {
      const chunk = mine.slice(start, start + channel.maxBatch);
      await rt.step({ name: 'before_write', runId: journal.runId, batch: journal.batch, marketplace: channel.name });
      const key = `${markerPrefix(rt, journal)}${attempt}:${n++}`;
      const marker: WriteMarker = { channel: channel.name, plans: chunk.map((p) => p.index) };
      await rt.context.store.set(key, marker);
      (tally.markers ??= []).push(key);
      let results: Outcome[];
      try {
        results = await settle(rt, journal, channel, chunk, await send(rt, journal, channel, chunk));
      } catch (error) {
        if (rt.signal?.aborted) throw error;
        results = await resolveUnknown(rt, journal, channel, chunk, error);
      }
      const recorded = chunk.map((_p, i) => results[i] ?? ({ kind: 'retry' } as Outcome));
      marker.outcomes = recorded.map(storeOutcome);
      await rt.context.store.set(key, marker);
      chunk.forEach((p, i) => {
        outcomes.set(id(p.plan.sku, channel.name), recorded[i] as Outcome);
      });
    }
  }
}

/**
 * The idempotency key of one item's write: one per SKU, channel and journaled round, so a
 * round finished after a crash or a lost answer sends the same keys and a later, different
 * write (even of the same numbers) a new one. Journals of earlier versions named writes by
 * the level they started from; their rounds are finished with those keys.
 */
function writeKey(rt: SyncRuntime, journal: Journal, p: Pending): string {
  if (journal.keys !== 2) {
    const key = `${rt.id}:${p.channel.name}:${p.plan.sku}:${p.seen.v}:${p.seen.q}>${p.target}`;
    return key.length <= 200 ? key : `${rt.id}:h:${fnv1a32(key).toString(16)}:${key.length}`;
  }
  const key = `${rt.id}:${journal.runId}:${journal.batch}:${journal.round}:${p.channel.name}:${p.plan.sku}`;
  // A long SKU is named by a 53-bit hash: two writes sharing a key would be taken for one.
  return key.length <= 200 ? key : `${rt.id}:${journal.runId}:h:${hash53(key).toString(36)}:${key.length}`;
}

/** Whether the channel answers a repeated write with its first outcome instead of writing again. */
function replayable(channel: ResolvedChannel): boolean {
  return channel.mode === 'adjust'
    ? channel.api.capabilities.idempotentAdjustments
    : channel.api.capabilities.idempotentSets;
}

/**
 * Whether an item's error leaves its outcome unknown. Connectors report a call that failed in
 * transit per item (every item of the call carries the timeout); a refusal (conflict,
 * validation, not found) is an answer.
 */
function outcomeUnknown(error: unknown): boolean {
  return !isMarketbridgeError(error) || (error.retryable && error.code !== 'conflict');
}

/**
 * Settles the items whose answers left the outcome unknown: all of a call's items (the call
 * failed in transit) are settled like a call that threw; a few of them are read back, since
 * sending a part of a call again is not the duplicate a marketplace recognises.
 */
async function settle(
  rt: SyncRuntime,
  journal: Journal,
  channel: ResolvedChannel,
  chunk: Pending[],
  answers: Answer[],
): Promise<Outcome[]> {
  const open = chunk.filter((_p, i) => answers[i]?.kind === 'unknown');
  if (open.length === 0) return answers as Outcome[];
  const error = (answers.find((answer) => answer.kind === 'unknown') as { error: unknown }).error;
  if (open.length === chunk.length) throw error;
  rt.context.logger.warn(
    `sync ${rt.id}: ${open.length} of ${chunk.length} writes to ${channel.name} failed in transit; reading them back`,
    {
      error: isMarketbridgeError(error) ? error.code : String(error),
    },
  );
  const settled = await readBack(rt, channel, open);
  let next = 0;
  return answers.map((answer) => (answer.kind === 'unknown' ? settled[next++]! : answer));
}

async function send(rt: SyncRuntime, journal: Journal, channel: ResolvedChannel, chunk: Pending[]): Promise<Answer[]> {
  const options = rt.signal ? { signal: rt.signal } : {};
  const location = channel.locationId === undefined ? {} : { locationId: channel.locationId };
  const result =
    channel.mode === 'adjust'
      ? await channel.api.adjustInventory(
          adjustBatch(
            chunk.map((p) => ({
              sku: p.plan.sku,
              delta: p.target - p.seen.q,
              idempotencyKey: writeKey(rt, journal, p),
              ...location,
            })),
          ),
          options,
        )
      : await channel.api.setInventory(
          setBatch(
            chunk.map((p) => ({
              sku: p.plan.sku,
              quantity: p.target,
              ...location,
              ...(channel.mode === 'compare-and-set' ? { expectedVersion: p.seen.v } : {}),
              ...(channel.api.capabilities.idempotentSets ? { idempotencyKey: writeKey(rt, journal, p) } : {}),
            })),
          ),
          options,
        );
  return chunk.map((p, i): Answer => {
    const item = result.items[i];
    if (!item) return { kind: 'retry' };
    if (item.ok)
      return { kind: 'done', base: { q: p.target, v: item.value.available === p.target ? item.value.version : -1 } };
    if (outcomeUnknown(item.error)) return { kind: 'unknown', error: item.error };
    const stale =
      isMarketbridgeError(item.error, 'conflict') ||
      (channel.mode === 'adjust' && isMarketbridgeError(item.error, 'validation_failed'));
    return stale ? { kind: 'retry' } : { kind: 'failed', code: item.error.code, message: item.error.message };
  });
}

/**
 * A write call failed as a whole (timeout, lost answer, partial write). Where the channel
 * answers a repeated key with the first outcome (idempotent adjustments or sets), the same
 * call is sent again and its answer is the truth. Otherwise the levels are read back: a write
 * counts as applied when the version moved since it was read and as not applied when it did
 * not (a sale in between is the one case a read-back cannot tell apart).
 */
async function resolveUnknown(
  rt: SyncRuntime,
  journal: Journal,
  channel: ResolvedChannel,
  chunk: Pending[],
  error: unknown,
): Promise<Outcome[]> {
  rt.context.logger.warn(
    `sync ${rt.id}: write to ${channel.name} failed; ${replayable(channel) ? 'sending it again with the same keys' : 'reading back'}`,
    {
      error: isMarketbridgeError(error) ? error.code : String(error),
    },
  );
  // A throttled call is repeated or read back only after the wait the marketplace asked for.
  const wait = isMarketbridgeError(error, 'rate_limited')
    ? (error as { retryAfterMs?: number }).retryAfterMs
    : undefined;
  if (wait !== undefined && wait > 0) await rt.context.clock.sleep(Math.min(wait, 60_000), rt.signal);
  if (replayable(channel)) return definite(await send(rt, journal, channel, chunk));
  return readBack(rt, channel, chunk);
}

/**
 * The answers of a call sent again with the same keys. One still unknown stops the run: the
 * call's marker stays without an answer, and the next run sends it again.
 */
function definite(answers: Answer[]): Outcome[] {
  const open = answers.find((answer) => answer.kind === 'unknown');
  if (open) throw open.error;
  return answers as Outcome[];
}

async function readBack(rt: SyncRuntime, channel: ResolvedChannel, chunk: Pending[]): Promise<Outcome[]> {
  const now = await readChannel(
    rt,
    channel,
    chunk.map((p) => p.plan.sku),
  );
  return chunk.map((p): Outcome => {
    const level = now.get(p.plan.sku);
    if (!level)
      return { kind: 'failed', code: 'not_found', message: `${p.plan.sku} is no longer listed on ${channel.name}.` };
    if (level.v === p.seen.v) return { kind: 'retry' };
    if (level.q === p.target) return { kind: 'done', base: { q: p.target, v: level.v } };
    // The level moved, but not to the target: the write and a sale, or a sale alone, which the
    // level cannot tell apart. Of the two readings the one that leaves the source with less
    // stock is taken (after an increase: applied; after a decrease: not applied), so the
    // guess can hide units but never show units that are gone.
    rt.context.logger.warn(
      `sync ${rt.id}: cannot tell whether the lost write of ${p.plan.sku} to ${channel.name} applied; assuming the reading with less stock`,
      {
        sku: p.plan.sku,
        marketplace: channel.name,
      },
    );
    return p.target > p.seen.q ? { kind: 'done', base: { q: p.target, v: -1 } } : { kind: 'retry' };
  });
}

async function reconcile(
  rt: SyncRuntime,
  journal: Journal,
  pending: Pending[],
  outcomes: Map<string, Outcome>,
  id: (sku: string, channel: string) => string,
): Promise<Pending[]> {
  const answered = new Map<string, StoredOutcome | Outcome>();
  const unknown = new Set<string>();
  /** The calls in flight at the crash: their items in the order they were sent. */
  const calls: { channel: string; ids: string[] }[] = [];
  for (const key of await rt.context.store.list(markerPrefix(rt, journal))) {
    const marker = await rt.context.store.get<
      Partial<Pick<WriteMarker, 'plans'>> & { channel: string; skus?: string[]; outcomes?: (StoredOutcome | Outcome)[] }
    >(key);
    if (!marker) continue;
    const skus = marker.skus ?? (marker.plans ?? []).map((index) => journal.plans[index]?.sku ?? '');
    if (!marker.outcomes) calls.push({ channel: marker.channel, ids: skus.map((sku) => id(sku, marker.channel)) });
    skus.forEach((sku, i) => {
      const outcome = marker.outcomes?.[i];
      if (outcome !== undefined) answered.set(id(sku, marker.channel), outcome);
      else unknown.add(id(sku, marker.channel));
    });
  }
  const left: Pending[] = [];
  for (const channel of rt.channels) {
    const inFlight = new Map<string, Pending>();
    for (const p of pending) {
      if (p.channel !== channel) continue;
      const known = loadOutcome(answered.get(id(p.plan.sku, channel.name)), p);
      // A recorded "retry" answer means the write did not happen: it is planned like any other.
      if (known && known.kind !== 'retry') outcomes.set(id(p.plan.sku, channel.name), known);
      else if (unknown.has(id(p.plan.sku, channel.name)) && !known) inFlight.set(id(p.plan.sku, channel.name), p);
      else left.push(p);
    }
    if (inFlight.size === 0) continue;
    if (!replayable(channel)) {
      // What the read-back decides stands; a write it finds not applied is planned again from
      // a fresh read (sending it as it was could overwrite a sale made since).
      const now = await readBack(rt, channel, [...inFlight.values()]);
      [...inFlight.values()].forEach((p, i) => {
        outcomes.set(id(p.plan.sku, channel.name), now[i]!);
      });
      continue;
    }
    // Each call in flight is sent again exactly as it was (same items, order and keys): the
    // marketplace recognises the duplicate and answers with the first call's outcome.
    for (const call of calls) {
      if (call.channel !== channel.name) continue;
      const chunk = call.ids.flatMap((key) => {
        const p = inFlight.get(key);
        inFlight.delete(key);
        return p ? [p] : [];
      });
      if (chunk.length === 0) continue;
      const results = definite(await send(rt, journal, channel, chunk));
      chunk.forEach((p, i) => {
        const outcome = results[i] ?? { kind: 'retry' };
        if (outcome.kind === 'retry') left.push(p);
        else outcomes.set(id(p.plan.sku, channel.name), outcome);
      });
    }
  }
  return left;
}
