import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import type { HealthStatus } from '../../../core/queries.js';
import {
  createInventoryLocationRequest,
  getInventoryLocationRequest,
  getInventoryLocationsRequest,
} from '../requests/inventory.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayInventoryLocation } from '../types.js';

/**
 * The merchant location `merchantLocationKey`, created with `location` when eBay has none.
 *
 * @example
 * ```ts
 * await ensureLocation(runtime, 'WH-1', { name: 'Main', locationTypes: ['WAREHOUSE'], location: { address: { postalCode: '95125', country: 'US' } } });
 * ```
 */
export async function ensureLocation(
  rt: EbayRuntime,
  merchantLocationKey: string,
  location: Omit<EbayInventoryLocation, 'merchantLocationKey'>,
  signal?: AbortSignal,
): Promise<EbayInventoryLocation> {
  try {
    return await rt.client.send<EbayInventoryLocation>(getInventoryLocationRequest(merchantLocationKey), signal);
  } catch (error) {
    if (!isMarketbridgeError(error) || error.code !== 'not_found') throw error;
  }
  await rt.client.send(createInventoryLocationRequest(merchantLocationKey, location), signal);
  return { ...location, merchantLocationKey };
}

/**
 * Checks that eBay answers with the seller's token: one `getInventoryLocations` call for one
 * location. Failures are reported, not thrown (an expired consent says so in `message`).
 *
 * @example
 * ```ts
 * const health = await healthCheck(runtime);
 * ```
 */
export async function healthCheck(rt: EbayRuntime, signal?: AbortSignal): Promise<HealthStatus> {
  const { clock } = rt.context;
  const started = clock.now();
  const checkedAt = new Date(started).toISOString();
  try {
    await rt.client.send(getInventoryLocationsRequest({ limit: 1 }), signal);
    return { ok: true, latencyMs: clock.now() - started, checkedAt };
  } catch (error) {
    return {
      ok: false,
      latencyMs: clock.now() - started,
      checkedAt,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
