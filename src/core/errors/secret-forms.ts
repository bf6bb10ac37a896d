/** Below this many characters, a base64 fragment is too likely to occur by chance. */
const MIN_FRAGMENT = 8;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const toUrlAlphabet = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The base64 text a secret turns into wherever it sits inside encoded bytes. Base64 encodes
 * 3-byte groups, so inside a longer value (`Basic base64(client_id:secret)`) the secret starts
 * at one of three offsets within a group; for each, the groups made only of the secret's bytes
 * encode to a fixed run of characters. Those runs (and the whole secret encoded on its own,
 * padded and unpadded) are what is searched for, in the standard and the URL-safe alphabet.
 * At most two bytes at each end of the secret remain encoded beside the placeholder.
 *
 * @example
 * ```ts
 * base64Forms('s3cret-value'); // ['czNjcmV0LXZhbHVl', 'M2NyZXQtdmFs', 'Y3JldC12YWx1']
 * ```
 */
export function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms = new Set<string>();
  const whole = base64(bytes);
  forms.add(whole);
  forms.add(toUrlAlphabet(whole));
  for (const skip of [0, 1, 2]) {
    const rest = bytes.subarray(skip);
    const fullGroups = Math.floor(rest.length / 3) * 3;
    const fragment = base64(rest.subarray(0, fullGroups));
    if (fragment.length < MIN_FRAGMENT) continue;
    forms.add(fragment);
    forms.add(toUrlAlphabet(fragment));
  }
  return [...forms];
}

/**
 * Every form a secret value is searched for: as is, URL-encoded (`%20` and `+` for spaces),
 * JSON-escaped, and base64/base64url, on its own or inside a longer encoded value, for the
 * value itself and for its URL-encoded form (what an HTTP Basic `id:secret` pair encodes).
 *
 * @example
 * ```ts
 * const pattern = new RegExp(secretForms('Atzr|abc/def').map(escapeRegExp).join('|'), 'g');
 * ```
 */
export function secretForms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const forms = new Set<string>([secret, encoded, encoded.replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1)]);
  for (const form of base64Forms(secret)) forms.add(form);
  if (encoded !== secret) for (const form of base64Forms(encoded)) forms.add(form);
  return [...forms];
}
