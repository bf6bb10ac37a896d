/**
 * Form-encodes one name or value the way Shopify signs query parameters: unreserved characters
 * (`A-Z a-z 0-9 * - . _`) as they are, everything else as UTF-8 `%XX`, a space as `%20`.
 */
function encode(text: string): string {
  return [...new TextEncoder().encode(text)]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9*\-._]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/**
 * Signs query parameters as Shopify signs an OAuth callback or admin link: adds `hmac`, the hex
 * HMAC-SHA256 under the app secret of the other parameters sorted by name, each `name=value`
 * URL-encoded (a space as `%20`), joined with `&`. For tests of your callback route.
 *
 * @example
 * ```ts
 * const query = await signShopifyQuery({ code: 'code-1', shop: simulator.shop, state, timestamp: String(now) }, clientSecret);
 * await oauth.complete(query);
 * ```
 *
 * @category Simulator
 */
export async function signShopifyQuery(params: Record<string, string>, secret: string): Promise<URLSearchParams> {
  const message = Object.keys(params)
    .filter((name) => name !== 'hmac' && name !== 'signature')
    .sort()
    .map((name) => `${encode(name)}=${encode(params[name]!)}`)
    .join('&');
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
  return new URLSearchParams({ ...params, hmac: [...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('') });
}
