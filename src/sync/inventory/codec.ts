import type { BaseRecord, ChannelBase, Journal, SkuPlan } from './state.js';

/**
 * A {@link BaseRecord} as the store keeps it: `[s, channel, q, v, channel, q, v, ...]`. One
 * record per SKU stays in the store for good, so it is a flat array (about a third of the
 * `{ s, c }` object's JSON, and no object keys for the store to sort on every write).
 */
export type StoredBase = (string | number)[];

/**
 * The store form of a base record.
 *
 * @example
 * ```ts
 * encodeBase({ s: 9, c: { shop: { q: 5, v: 3 } } }); // [9, 'shop', 5, 3]
 * ```
 */
export function encodeBase(record: BaseRecord): StoredBase {
  const out: StoredBase = [record.s];
  for (const name in record.c) {
    const channel = record.c[name] as ChannelBase;
    out.push(name, channel.q, channel.v);
  }
  return out;
}

/** Sets an own property even for the name `__proto__`, as JSON.parse does. */
function put<T>(into: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__')
    Object.defineProperty(into, name, { value, enumerable: true, writable: true, configurable: true });
  else into[name] = value;
}

/**
 * Reads a stored base record: the flat form, or the `{ s, c }` object earlier versions stored.
 * Anything else reads as no base (the SKU is then synced as if for the first time).
 *
 * @example
 * ```ts
 * decodeBase([9, 'shop', 5, 3]); // { s: 9, c: { shop: { q: 5, v: 3 } } }
 * decodeBase({ s: 9, c: { shop: { q: 5, v: 3 } } }); // the same
 * ```
 */
export function decodeBase(raw: unknown): BaseRecord | undefined {
  if (Array.isArray(raw)) {
    const s = raw[0];
    if (typeof s !== 'number' || raw.length % 3 !== 1) return undefined;
    const c: Record<string, ChannelBase> = {};
    for (let i = 1; i < raw.length; i += 3) {
      const name = raw[i];
      const q = raw[i + 1];
      const v = raw[i + 2];
      if (typeof name !== 'string' || typeof q !== 'number' || typeof v !== 'number') return undefined;
      put(c, name, { q, v });
    }
    return { s, c };
  }
  if (
    raw &&
    typeof raw === 'object' &&
    typeof (raw as BaseRecord).s === 'number' &&
    (raw as BaseRecord).c &&
    typeof (raw as BaseRecord).c === 'object'
  ) {
    return raw as BaseRecord;
  }
  return undefined;
}

/**
 * One journaled plan as stored: `[sku, merged, sourceDelta, base, ...per journal channel, extras?]`.
 * - `base`: `0`, or the base's `s` and the channels the plan did not see (`[s, channel, q, v, ...]`),
 *   which is all of it that finishing the round needs;
 * - per channel of {@link StoredJournal.channels}: `q, v, target` as seen and planned, or `null`;
 * - `extras`, only when one is set: `k` the delta's key and `e` its reason (plans that change
 *   the source), `m` the manual task waited for, `t` the resolved task applied.
 */
export type StoredPlan = (string | number | null | StoredBase | StoredPlanExtras)[];

/**
 * The rarely set parts of a {@link StoredPlan}.
 */
export interface StoredPlanExtras {
  k?: string;
  e?: string;
  m?: string;
  t?: string;
}

function encodePlan(plan: SkuPlan, channels: readonly string[]): StoredPlan {
  let base: StoredBase | 0 = 0;
  if (plan.base) {
    base = [plan.base.s];
    for (const name in plan.base.c) {
      const known = plan.base.c[name] as ChannelBase;
      if (!plan.observed[name]) base.push(name, known.q, known.v);
    }
  }
  const out: StoredPlan = [plan.sku, plan.merged, plan.sourceDelta, base];
  for (const name of channels) {
    const seen = plan.observed[name];
    const target = plan.targets[name];
    if (seen && target !== undefined) out.push(seen.q, seen.v, target);
    else out.push(null);
  }
  if (plan.sourceDelta !== 0 || plan.manual || plan.fromTask) {
    const extras: StoredPlanExtras = {};
    // The key and reason are only read for plans that change the source.
    if (plan.sourceDelta !== 0) {
      extras.k = plan.key;
      extras.e = plan.explanation;
    }
    if (plan.manual) extras.m = plan.manual;
    if (plan.fromTask) extras.t = plan.fromTask;
    out.push(extras);
  }
  return out;
}

function decodePlan(raw: unknown, channels: readonly string[]): SkuPlan {
  // Journals written by earlier versions hold plan objects.
  if (!Array.isArray(raw)) return raw as SkuPlan;
  const [sku, merged, sourceDelta, base] = raw as [string, number, number, StoredBase | 0];
  const plan: SkuPlan = {
    sku,
    local: merged - sourceDelta,
    merged,
    sourceDelta,
    key: '',
    explanation: '',
    observed: {},
    targets: {},
  };
  let i = 4;
  for (const name of channels) {
    if (raw[i] === null) {
      i++;
      continue;
    }
    put(plan.observed, name, { q: raw[i] as number, v: raw[i + 1] as number });
    put(plan.targets, name, raw[i + 2] as number);
    i += 3;
  }
  const extras = (raw[i] ?? {}) as StoredPlanExtras;
  if (extras.k !== undefined) plan.key = extras.k;
  if (extras.e !== undefined) plan.explanation = extras.e;
  if (extras.m !== undefined) plan.manual = extras.m;
  if (extras.t !== undefined) plan.fromTask = extras.t;
  const decoded = base ? decodeBase(base) : undefined;
  if (decoded) plan.base = decoded;
  return plan;
}

/**
 * The write-ahead journal as stored: the channels its plans mention, once, and the plans in
 * their flat form. Journals of earlier versions also carry `batchSkus` (instead of `size` and
 * `last`) and `bases`.
 */
export interface StoredJournal extends Omit<Journal, 'plans' | 'bases'> {
  channels: string[];
  plans: StoredPlan[];
}

/**
 * The store form of a journal.
 *
 * @example
 * ```ts
 * await store.set(keys.journal, encodeJournal(journal));
 * ```
 */
export function encodeJournal(journal: Journal): StoredJournal {
  // `bases` only comes from journals of earlier versions, which are finished, never written again.
  const { plans, bases: _legacy, ...rest } = journal;
  const channels: string[] = [];
  for (const plan of plans) for (const name in plan.observed) if (!channels.includes(name)) channels.push(name);
  return { ...rest, channels, plans: plans.map((plan) => encodePlan(plan, channels)) };
}

/**
 * Reads a stored journal, in its flat form or as earlier versions stored it (plan objects,
 * the batch's SKU list, and `bases` as an object of `{ s, c }` records).
 *
 * A decoded plan's `base` holds `s` and the channels the plan did not see, and its observed
 * levels no `at`: what finishing the round reads.
 *
 * @example
 * ```ts
 * const journal = decodeJournal(await store.get(keys.journal));
 * ```
 */
export function decodeJournal(raw: unknown): Journal | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { plans, bases, channels, batchSkus, ...rest } = raw as Omit<StoredJournal, 'channels'> & {
    channels?: string[];
    bases?: unknown;
    batchSkus?: string[];
  };
  const journal: Journal = { ...rest, plans: (plans ?? []).map((plan) => decodePlan(plan, channels ?? [])) };
  if (batchSkus) {
    journal.size = batchSkus.length;
    const last = batchSkus[batchSkus.length - 1];
    if (last !== undefined) journal.last = last;
  }
  if (Array.isArray(bases)) journal.bases = bases as [string, StoredBase][];
  else if (bases && typeof bases === 'object') {
    journal.bases = Object.entries(bases as Record<string, unknown>).flatMap(
      ([sku, record]): [string, StoredBase][] => {
        const decoded = decodeBase(record);
        return decoded ? [[sku, encodeBase(decoded)]] : [];
      },
    );
  }
  return journal;
}
