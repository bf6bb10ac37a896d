/**
 * Small non-cryptographic string hashes (FNV-1a), for spreading work and for naming things
 * compactly. Not for secrets or signatures: use Web Crypto for those.
 */

/**
 * 32-bit FNV-1a of `text`, as an unsigned integer.
 *
 * @example
 * ```ts
 * const start = fnv1a32('SKU-1') % channels.length;
 * ```
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A 53-bit hash of `text` (two 32-bit FNV-1a lanes with different primes), exact in a double:
 * for telling names apart where a 32-bit collision would matter.
 *
 * @example
 * ```ts
 * const id = hash53('sync:default:run-1:0:0:shop:SKU-1').toString(36);
 * ```
 */
export function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (b >>> 11) * 0x100000000 + (a >>> 0);
}
