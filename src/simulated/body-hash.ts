import type { InventorySet } from '../model/inventory.js';

/**
 * `hash53(setFingerprint(update, location))` computed without building the fingerprint: the
 * same two FNV-1a lanes fed the same characters, part by part. A 100,000-SKU sync hashes the
 * body of every keyed set; this spares a concatenated string per write (and its flattening).
 *
 * @example
 * ```ts
 * setBodyHash({ sku: 'A-1', quantity: 5 }, 'default') === hash53(setFingerprint({ sku: 'A-1', quantity: 5 }, 'default'));
 * ```
 */
export function setBodyHash(update: InventorySet, location: string): number {
  a = 0x811c9dc5;
  b = 0x01000193;
  feed('set\u0000');
  feed(update.sku);
  feed('\u0000');
  feed(location);
  feed('\u0000');
  feed(String(update.quantity));
  feed('\u0000');
  if (update.expectedVersion != null) feed(String(update.expectedVersion));
  feed('\u0000');
  if (update.expectedAvailable != null) feed(String(update.expectedAvailable));
  return (b >>> 11) * 0x100000000 + (a >>> 0);
}

/** The two lanes of the hash being computed (one at a time: the hash is synchronous). */
let a = 0;
let b = 0;

function feed(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
}
