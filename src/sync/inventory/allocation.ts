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
  let rest = Math.max(0, sellable);
  const reserved = channels.map((channel) => {
    const take = Math.min(rest, Math.max(0, channel.reserved));
    rest -= take;
    return take;
  });
  const pool = rest;
  let shares: number[];
  if (mode === 'shared' || channels.length <= 1) shares = channels.map(() => pool);
  else {
    const total = channels.reduce((sum, channel) => sum + channel.weight, 0);
    shares = channels.map((channel) => (total > 0 ? Math.floor((pool * channel.weight) / total) : 0));
    let left = pool - shares.reduce((sum, share) => sum + share, 0);
    const start = hash(sku) % channels.length;
    for (let i = 0; left > 0 && i < channels.length * 2; i++) {
      const index = (start + i) % channels.length;
      if ((channels[index]?.weight ?? 0) <= 0) continue;
      shares[index] = (shares[index] ?? 0) + 1;
      left--;
    }
  }
  return channels.map((channel, i) => Math.max(0, (shares[i] ?? 0) + (reserved[i] ?? 0) - Math.max(0, channel.safetyStock)));
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
