import type { InventoryLevel } from '../../model/inventory.js';
import { mergeQuantities } from '../resolver/merge.js';
import { ManualTaskStore } from '../resolver/manual-tasks.js';
import { allocate, type ChannelShare } from './allocation.js';
import type { ResolvedChannel, SyncRuntime } from './runtime.js';
import { decodeBase } from './codec.js';
import type { BaseRecord, Observed, SkuPlan } from './state.js';

/**
 * Reads what a channel shows for `skus`: sku → level at the channel's location.
 * @example
 * ```ts
 * const seen = await readChannel(rt, channel, ['A-1', 'B-2']); // Map { 'A-1' => { q: 4, v: 7 } }
 * ```
 */
export async function readChannel(
  rt: SyncRuntime,
  channel: ResolvedChannel,
  skus: readonly string[],
): Promise<Map<string, Observed>> {
  const query = channel.locationId === undefined ? { skus } : { skus, locationId: channel.locationId };
  const levels: InventoryLevel[] = await channel.api.getInventory(query, rt.signal ? { signal: rt.signal } : {});
  const wanted = new Set(skus);
  const out = new Map<string, Observed>();
  for (const level of levels) {
    // Without a configured location the first level a marketplace returns is its default one.
    if (!wanted.has(level.sku) || out.has(level.sku)) continue;
    if (channel.locationId !== undefined && level.locationId !== channel.locationId) continue;
    out.set(level.sku, { q: level.available, v: level.version, at: level.updatedAt });
  }
  return out;
}

/**
 * Reads the source, every channel and the bases for `skus`, and decides each SKU.
 * @example
 * ```ts
 * const plans = await planSkus(rt, ['A-1', 'B-2'], { dryRun: true });
 * ```
 */
export async function planSkus(
  rt: SyncRuntime,
  skus: readonly string[],
  options: { dryRun?: boolean; scope?: string } = {},
): Promise<SkuPlan[]> {
  const reads = await Promise.all(rt.channels.map((channel) => readChannel(rt, channel, skus)));
  const sourceLevels = new Map((await rt.source.getLevels(skus)).map((level) => [level.sku, level]));
  const plans: SkuPlan[] = [];
  for (const sku of skus) {
    const level = sourceLevels.get(sku);
    if (!level) continue;
    const base = decodeBase(await rt.context.store.get(rt.keys.base(sku)));
    const observed: Record<string, Observed> = {};
    rt.channels.forEach((channel, i) => {
      const seen = reads[i]?.get(sku);
      if (seen) observed[channel.name] = seen;
    });
    plans.push(
      await decide(
        rt,
        sku,
        level.available,
        level.updatedAt,
        base,
        observed,
        options.dryRun ?? false,
        options.scope ?? '',
      ),
    );
  }
  return plans;
}

async function decide(
  rt: SyncRuntime,
  sku: string,
  local: number,
  localAt: string | undefined,
  base: BaseRecord | undefined,
  observed: Record<string, Observed>,
  dryRun: boolean,
  scope: string,
): Promise<SkuPlan> {
  const deltas: { channel: string; delta: number; from: number; to: number }[] = [];
  let latestRemote: string | undefined;
  for (const channel in observed) {
    const seen = observed[channel] as Observed;
    const known = base?.c[channel];
    // A channel seen for the first time has no base to measure a change from: the source decides.
    if (!known || seen.v === known.v || seen.q === known.q) continue;
    deltas.push({ channel, delta: seen.q - known.q, from: known.v, to: seen.v });
    if (seen.at && (!latestRemote || seen.at > latestRemote)) latestRemote = seen.at;
  }
  let merged = local;
  // Explanations are only kept where someone reads them (a dry run, a source delta's reason),
  // so the common case (nothing changed on the channels) builds none.
  let explanation: string | undefined;
  let manual: string | undefined;
  let fromTask: string | undefined;

  const taskId = rt.resolver ? ManualTaskStore.idOf({ key: sku, field: 'quantity' }) : '';
  const task = rt.resolver ? await rt.resolver.tasks.get(taskId) : undefined;
  if (task?.status === 'resolved' && typeof task.resolution?.value === 'number') {
    merged = Math.max(0, Math.trunc(task.resolution.value));
    fromTask = taskId;
    explanation = `Manual decision (task ${taskId}): ${merged}.`;
  } else if (task?.status === 'open') {
    manual = taskId;
    explanation = `Waiting for manual task ${taskId}.`;
  } else if (deltas.length > 0 && base) {
    const remoteSum = deltas.reduce((sum, d) => sum + d.delta, 0);
    const strategy = rt.resolver?.strategyFor('quantity') ?? 'merge';
    if (strategy === 'merge') {
      const result = mergeQuantities({ base: base.s, local, remotes: deltas.map((d) => base.s + d.delta) });
      merged = result.value;
      explanation = `${result.explanation} (remotes: ${deltas.map((d) => d.channel).join(', ')})`;
      if (!dryRun && local !== base.s) {
        // Both sides changed since the last sync: a real conflict, merged.
        rt.context.events.emit('conflict', {
          key: sku,
          field: 'quantity',
          strategy: 'merge',
          resolution: 'merged',
          explanation,
        });
      }
    } else if (rt.resolver) {
      const resolved = await rt.resolver.resolve<number>(
        {
          key: sku,
          field: 'quantity',
          base: base.s,
          local: localAt === undefined ? { value: local } : { value: local, updatedAt: localAt },
          remote:
            latestRemote === undefined
              ? { value: base.s + remoteSum }
              : { value: base.s + remoteSum, updatedAt: latestRemote },
        },
        strategy,
        { preview: dryRun },
      );
      if (resolved.isOk()) {
        merged = Math.max(0, Math.trunc(resolved.value.value));
        explanation = resolved.value.explanation;
      } else {
        manual = resolved.error.reason === 'manual_required' ? taskId : undefined;
        explanation = resolved.error.message;
        if (!manual)
          merged = mergeQuantities({ base: base.s, local, remotes: deltas.map((d) => base.s + d.delta) }).value;
      }
    }
  }

  // Planned for every SKU of every run: plain loops, no per-channel closures.
  const listed: ResolvedChannel[] = [];
  const wants: ChannelShare[] = [];
  for (const channel of rt.channels) {
    if (observed[channel.name] === undefined) continue;
    listed.push(channel);
    wants.push(channel.share(sku));
  }
  const shares = allocate(sku, merged, wants, rt.allocation);
  const targets: Record<string, number> = {};
  for (let i = 0; i < listed.length; i++) targets[(listed[i] as ResolvedChannel).name] = shares[i] ?? 0;
  const sourceDelta = merged - local;
  if (explanation === undefined && dryRun) {
    explanation = base
      ? `No channel changed since the last sync; source ${local}.`
      : `First sync of ${sku}: the source of truth (${local}) is taken as is.`;
  }
  // The key names the delta, so it is built only for plans that change the source. It is
  // scoped to the journaled round that applies it (a round finished after a crash reads it from
  // the journal): the channels' versions alone can repeat where a version is the quantity
  // itself (Shopify's compare value), and a second sale from 10 to 9 must count again.
  const key =
    sourceDelta === 0
      ? ''
      : `${rt.id}:${sku}@${scope}${scope ? '/' : ''}${deltas.map((d) => `${d.channel}:${d.from}>${d.to}`).join(',')}`;
  const plan: SkuPlan = {
    sku,
    local,
    merged,
    sourceDelta,
    key,
    explanation: dryRun || sourceDelta !== 0 ? (explanation ?? '') : '',
    observed,
    targets,
  };
  if (manual) plan.manual = manual;
  if (fromTask) {
    plan.fromTask = fromTask;
    plan.key = `${rt.id}:${sku}@task:${task?.resolution?.resolvedAt ?? ''}`;
  }
  if (base) plan.base = base;
  return plan;
}

/**
 * Whether a plan changes nothing: no source delta, no write, and the stored base already matches.
 * @example
 * ```ts
 * const work = plans.filter((plan) => !isNoop(plan));
 * ```
 */
export function isNoop(plan: SkuPlan): boolean {
  if (!plan.base || plan.manual || plan.fromTask || plan.sourceDelta !== 0 || plan.base.s !== plan.merged) return false;
  for (const [channel, seen] of Object.entries(plan.observed)) {
    const known = plan.base.c[channel];
    if (plan.targets[channel] !== seen.q || !known || known.q !== seen.q || known.v !== seen.v) return false;
  }
  return true;
}
