// Locating bytes that are not UTF-8. The decoder (TextDecoder, fatal) finds that a chunk has
// some; these find where, on that rare path only, so decoding stays native and fast.

/** How many continuation bytes follow a lead byte, or -1 if it cannot start a character. */
function continuations(lead: number): number {
  if (lead < 0x80) return 0;
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return -1;
}

/** The allowed range of the byte after a lead byte (no overlong forms, surrogates or code points past U+10FFFF). */
function secondRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * The index of the first byte that starts a sequence which is not UTF-8, or -1. A character
 * cut off by the end of `bytes` is not counted as invalid (the next chunk may complete it).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i] as number;
    const more = continuations(lead);
    if (more < 0) return i;
    for (let k = 1; k <= more; k++) {
      if (i + k >= bytes.length) return -1;
      const byte = bytes[i + k] as number;
      const [low, high] = k === 1 ? secondRange(lead) : [0x80, 0xbf];
      if (byte < low || byte > high) return i;
    }
    i += more + 1;
  }
  return -1;
}

/** The bytes at the end of `tail` that begin a character not yet complete (what a streaming decoder holds back). */
export function pendingUtf8(tail: Uint8Array): Uint8Array {
  for (let k = tail.length - 1; k >= 0 && k >= tail.length - 3; k--) {
    const byte = tail[k] as number;
    if (byte < 0x80) break;
    if (byte >= 0xc0) return continuations(byte) >= tail.length - k ? tail.slice(k) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}
