import type { ResolvedContext } from '../../core/context.js';
import { takeFromBucket } from '../../stores/bucket.js';
import type { ConnectionInfo } from './connections.js';
import type { AdapterRateLimit } from './settings.js';

/**
 * Waits for one token of the adapter's bucket in the context's store; emits `throttled` for
 * every wait. Without a limit it returns at once.
 *
 * @example
 * ```ts
 * await paceActions(context, { ratePerSecond: 2, burst: 5, scope: 'connection' }, connection.info);
 * ```
 */
export async function paceActions(
  context: ResolvedContext,
  limit: Required<AdapterRateLimit> | undefined,
  connection: ConnectionInfo,
): Promise<void> {
  if (!limit) return;
  const key = `safety:rl:${context.tenantId}:${limit.scope === 'adapter' ? '*' : connection.id}`;
  for (;;) {
    const taken = await takeFromBucket(
      context.store,
      { key, capacity: limit.burst, refillPerSecond: limit.ratePerSecond, cost: 1 },
      context.clock,
    );
    if (taken.granted) return;
    context.events.emit('throttled', {
      platform: connection.platform,
      tenantId: context.tenantId,
      operation: 'executeAction',
      waitMs: taken.retryAfterMs,
      source: 'limiter',
    });
    await context.clock.sleep(taken.retryAfterMs);
  }
}
