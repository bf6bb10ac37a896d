import { fnv1a32 } from '../../core/hash.js';
/**
 * How stock is shown across channels:
 * - `split` (default): the channels share the sellable units between them, so the sum of what
 *   all channels show never exceeds the stock and no sequence of sales can oversell; a unit one
 *   channel may not show (its safety stock) goes to a channel that may;
 * - `shared`: every channel shows all sellable units (less its safety stock). More visible
 *   stock, but two channels can sell the same last unit before the next sync.
 *
 * @category Inventory sync
 */
export type AllocationMode = 'split' | 'shared';

/**
 * What allocation needs to know about one channel for one SKU.
 *
 * @category Inventory sync
 */
export interface ChannelShare {
  /**
   * The last units this channel never shows: it shows at most the units it may see (the stock
   * less the other channels' reservations) minus its safety stock, so with a safety stock of 2
   * it shows nothing once 2 or fewer units are left.
   */
  safetyStock: number;
  /** Units set aside for this channel only. */
  reserved: number;
  /** Relative share of the pool in `split` mode; 0 takes nothing from the pool. */
  weight: number;
}

/**
 * The quantity each channel shows for one SKU.
 *
 * Reservations come off the top (in channel order if stock is short); the rest is the pool.
 * Each channel may show at most the units it may see — its reservation and the pool — less
 * its safety stock (its cap). `shared` shows every channel its cap. `split` gives each channel
 * its reservation (up to its cap) and shares the pool by weight among the channels with
 * weight, never past a channel's cap: what a capped channel cannot show goes to the others by
 * weight, and remainder units go round the channels starting at a SKU-dependent channel so one
 * channel is not always favoured. So in `split` the total shown is the most the safety stocks
 * allow, and never more than the stock.
 *
 * @example
 * ```ts
 * allocate('A-1', 10, [{ safetyStock: 0, reserved: 0, weight: 1 }, { safetyStock: 1, reserved: 2, weight: 1 }], 'split'); // [4, 6]
 * // the last unit goes to the channel whose safety stock lets it show it
 * allocate('A-1', 1, [{ safetyStock: 0, reserved: 0, weight: 1 }, { safetyStock: 1, reserved: 0, weight: 1 }], 'split'); // [1, 0]
 * ```
 *
 * @category Inventory sync
 */
export function allocate(
  sku: string,
  sellable: number,
  channels: readonly ChannelShare[],
  mode: AllocationMode,
): number[] {
  // Runs once per SKU per run: two arrays, filled in place (reservations, then the pool).
  const n = channels.length;
  const out: number[] = [];
  let rest = Math.max(0, sellable);
  for (const channel of channels) {
    const take = Math.min(rest, Math.max(0, channel.reserved));
    rest -= take;
    out.push(take);
  }
  const pool = rest;
  // A channel's cap is its reservation + the pool − its safety stock. It shows its reservation up
  // to the cap; room[i] is how many pool units it may still show: the pool less its safety stock.
  const room: number[] = [];
  for (let i = 0; i < n; i++) {
    const safety = Math.max(0, (channels[i] as ChannelShare).safetyStock);
    const reserved = out[i] as number;
    out[i] = Math.min(reserved, Math.max(0, reserved + pool - safety));
    room.push(Math.max(0, pool - safety));
  }
  if (mode === 'shared' || n <= 1) {
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (room[i] as number);
    return out;
  }
  let left = pool;
  // Share by weight among channels with room; a channel that reaches its cap drops out and the
  // next round shares what it could not take. Each round fills a channel or shares all it can.
  for (;;) {
    let total = 0;
    for (let i = 0; i < n; i++) if ((room[i] as number) > 0) total += Math.max(0, (channels[i] as ChannelShare).weight);
    if (left <= 0 || total <= 0) return out;
    let given = 0;
    let capped = false;
    for (let i = 0; i < n; i++) {
      const weight = Math.max(0, (channels[i] as ChannelShare).weight);
      if ((room[i] as number) <= 0 || weight <= 0) continue;
      const share = Math.floor((left * weight) / total);
      const take = Math.min(share, room[i] as number);
      if (take < share) capped = true;
      out[i] = (out[i] as number) + take;
      room[i] = (room[i] as number) - take;
      given += take;
    }
    left -= given;
    if (!capped) break;
  }
  // Fewer units are left than channels share them: one each, round the channels from a
  // SKU-dependent start, to channels with weight and room.
  const start = fnv1a32(sku) % n;
  for (let pass = true; left > 0 && pass; ) {
    pass = false;
    for (let i = 0; left > 0 && i < n; i++) {
      const index = (start + i) % n;
      if ((room[index] as number) <= 0 || (channels[index] as ChannelShare).weight <= 0) continue;
      out[index] = (out[index] as number) + 1;
      room[index] = (room[index] as number) - 1;
      left--;
      pass = true;
    }
  }
  return out;
}
