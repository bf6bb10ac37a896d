import { planSkus } from './planner.js';
import type { PlannedChange, SyncPlan } from './report.js';
import { collectChanges } from './runs.js';
import type { SyncRuntime } from './runtime.js';

/**
 * Plans a run without writing anything: reads the source, the channels and the bases and lists
 * every change (source and per channel) a run would make. Manual conflicts are reported, not
 * parked.
 *
 * @example
 * ```ts
 * const plan = await dryRun(rt, 'full', 100);
 * ```
 */
export async function dryRun(
  rt: SyncRuntime,
  requested: 'full' | 'incremental' | undefined,
  batchSize: number,
): Promise<SyncPlan> {
  const hasCursor = (await rt.context.store.get(rt.keys.cursor('source'))) !== undefined;
  const mode = (requested ?? 'incremental') === 'incremental' && hasCursor ? 'incremental' : 'full';
  const changes: PlannedChange[] = [];
  let examined = 0;
  const consider = async (skus: string[]) => {
    examined += skus.length;
    for (const plan of await planSkus(rt, skus, { dryRun: true })) {
      const channels = rt.channels
        .filter(
          (channel) => plan.observed[channel.name] && plan.targets[channel.name] !== plan.observed[channel.name]?.q,
        )
        .map((channel) => ({
          marketplace: channel.name,
          from: plan.observed[channel.name]?.q ?? 0,
          to: plan.targets[channel.name] ?? 0,
          mode: channel.mode,
        }));
      if (plan.sourceDelta === 0 && channels.length === 0 && !plan.manual) continue;
      const change: PlannedChange = {
        sku: plan.sku,
        source: { from: plan.local, to: plan.merged },
        explanation: plan.explanation,
        channels: plan.manual ? [] : channels,
      };
      if (plan.manual) change.manualTask = plan.manual;
      changes.push(change);
    }
  };
  if (mode === 'incremental') {
    const { skus } = await collectChanges(rt);
    for (let i = 0; i < skus.length; i += batchSize) await consider(skus.slice(i, i + batchSize));
  } else {
    let after: string | undefined;
    for (;;) {
      const skus = await rt.source.listSkus(after, batchSize);
      if (skus.length === 0) break;
      await consider([...skus]);
      after = skus[skus.length - 1];
    }
  }
  return { syncId: rt.id, mode, allocation: rt.allocation, skus: examined, changes };
}
