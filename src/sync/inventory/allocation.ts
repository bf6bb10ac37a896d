import { fnv1a32 } from '../../core/hash.js';
/**
 * How stock is shown across channels:
 * - `split` (default): the channels share the sellable units between them, so the sum of what
 *   all channels show never exceeds the stock and no sequence of sales can oversell;
 * - `shared`: every channel shows all sellable units (less its safety stock). More visible
 *   stock, but two channels can sell the same last unit before the next sync.
 *
 * @example
 * ```ts
 * const allocation: AllocationMode = 'split';
 * ```
 */
export type AllocationMode = 'split' | 'shared';

/**
 * What allocation needs to know about one channel for one SKU.
 *
 * @example
 * ```ts
 * const share: ChannelShare = { safetyStock: 1, reserved: 0, weight: 2 };
 * ```
 */
export interface ChannelShare {
  /** Units never shown on this channel. */
  safetyStock: number;
  /** Units set aside for this channel only. */
  reserved: number;
  /** Relative share of the pool in `split` mode. */
  weight: number;
}

/**
 * The quantity each channel shows for one SKU. Reservations come off the top (in channel
 * order if stock is short); the rest is the pool, split by weight (remainder units go round
 * the channels starting at a SKU-dependent channel so one channel is not always favoured) or
 * shared whole; safety stock is then withheld per channel.
 *
 * @example
 * ```ts
 * allocate('A-1', 10, [{ safetyStock: 0, reserved: 0, weight: 1 }, { safetyStock: 1, reserved: 2, weight: 1 }], 'split'); // [4, 5]
 * ```
 */
export function allocate(sku: string, sellable: number, channels: readonly ChannelShare[], mode: AllocationMode): number[] {
  // Runs once per SKU per run: one array, filled in place (reservations, then the pool, then
  // safety stock withheld).
  const out: number[] = [];
  let rest = Math.max(0, sellable);
  for (const channel of channels) {
    const take = Math.min(rest, Math.max(0, channel.reserved));
    rest -= take;
    out.push(take);
  }
  const pool = rest;
  const n = channels.length;
  if (mode === 'shared' || n <= 1) {
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + pool;
  } else {
    let total = 0;
    for (const channel of channels) total += channel.weight;
    let left = pool;
    for (let i = 0; i < n; i++) {
      const share = total > 0 ? Math.floor((pool * (channels[i] as ChannelShare).weight) / total) : 0;
      out[i] = (out[i] as number) + share;
      left -= share;
    }
    const start = fnv1a32(sku) % n;
    for (let i = 0; left > 0 && i < n * 2; i++) {
      const index = (start + i) % n;
      if ((channels[index]?.weight ?? 0) <= 0) continue;
      out[index] = (out[index] as number) + 1;
      left--;
    }
  }
  for (let i = 0; i < n; i++) out[i] = Math.max(0, (out[i] as number) - Math.max(0, (channels[i] as ChannelShare).safetyStock));
  return out;
}
