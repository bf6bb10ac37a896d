import { secretForms } from './secret-forms.js';

/**
 * The placeholder that replaces every redacted value.
 *
 * @example
 * ```ts
 * createRedactor({ secrets: ['s3cret-token'] }).text('s3cret-token') === REDACTED; // true
 * ```
 *
 * @category Errors
 */
export const REDACTED = '[REDACTED]';

/**
 * A request as it may be stored on an error or shown in an event: method, URL, headers and
 * body, after redaction.
 *
 * @category Errors
 */
export interface RequestSnapshot {
  /** HTTP method, upper case. */
  method: string;
  /** Absolute URL; secret query parameters are replaced by `[REDACTED]`. */
  url: string;
  /** Header names in lower case; secret values are replaced by `[REDACTED]`. */
  headers?: Record<string, string>;
  /** The body as text, if any; secret fields are replaced by `[REDACTED]`. */
  body?: string;
}

/**
 * Options of {@link createRedactor}.
 *
 * @example
 * ```ts
 * const options: RedactorOptions = { secrets: [process.env.SHOP_TOKEN ?? ''] };
 * ```
 *
 * @category Errors
 */
export interface RedactorOptions {
  /** Exact secret values (tokens, client secrets, keys) to scrub wherever they appear. */
  secrets?: readonly string[];
  /** Extra header names to redact, in any case. */
  headers?: readonly string[];
  /** Extra field or query-parameter names to redact, in any case. */
  fields?: readonly string[];
}

/**
 * Removes secrets from requests, text and structured values.
 *
 * @example
 * ```ts
 * const redactor = createRedactor({ secrets: ['shpat_123'] });
 * redactor.text('token shpat_123 rejected'); // 'token [REDACTED] rejected'
 * ```
 *
 * @category Errors
 */
export interface Redactor {
  /** Redacts a request snapshot: secret headers, query parameters, body fields and values. */
  request(request: RequestSnapshot): RequestSnapshot;
  /** Replaces every known secret value in `text`. */
  text(text: string): string;
  /** Deep-copies `value`, replacing secret fields and known secret values. */
  value<T>(value: T): T;
}

const DEFAULT_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-amz-access-token',
  'x-amz-security-token',
  'x-shopify-access-token',
  'x-shopify-hmac-sha256',
  'x-api-key',
  'api-key',
  'x-ebay-signature',
  'webhook-signature',
  'stripe-signature',
];

const DEFAULT_FIELDS = [
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'client_secret',
  'clientsecret',
  'code',
  'code_verifier',
  'password',
  'secret',
  'token',
  'id_token',
  'api_key',
  'apikey',
  'signature',
  'private_key',
  'privatekey',
  'assertion',
];

const MIN_SECRET_LENGTH = 4;

/** An http(s) URL inside free text: up to whitespace or a quote. */
const URL_IN_TEXT = /https?:\/\/[^\s"'<>`]+/gi;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Creates a {@link Redactor}. Header and field names match case-insensitively; secret values
 * match exactly, including values containing `-`, `.` and `/`, in plain, URL-encoded,
 * JSON-escaped, base64 and base64url forms, also inside a longer base64 value such as
 * `Basic base64(client_id:secret)` (at most two bytes at each end of the secret stay encoded
 * beside the placeholder). Values shorter than 4 characters are not searched for. In free text
 * (messages, text bodies, causes), URLs are redacted too: secret query parameters by name, and
 * any `user:password@`.
 *
 * @example
 * ```ts
 * const redactor = createRedactor({ secrets: ['Atzr|abc.def/ghi-jkl'] });
 * const safe = redactor.request({
 *   method: 'POST',
 *   url: 'https://api.example.test/auth/o2/token?client_secret=s3cret',
 *   headers: { authorization: 'Bearer abc' },
 *   body: 'grant_type=refresh_token&refresh_token=Atzr%7Cabc.def%2Fghi-jkl',
 * });
 * ```
 *
 * @category Errors
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const headerNames = new Set([...DEFAULT_HEADERS, ...(options.headers ?? []).map((h) => h.toLowerCase())]);
  const fieldNames = new Set([...DEFAULT_FIELDS, ...(options.fields ?? []).map((f) => f.toLowerCase())]);
  const variants = new Set<string>();
  for (const secret of options.secrets ?? []) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of secretForms(secret)) variants.add(form);
  }
  // Longest first, so that a secret containing another one is replaced whole.
  const pattern = variants.size
    ? new RegExp(
        [...variants]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join('|'),
        'g',
      )
    : undefined;

  const isSecretField = (name: string) => fieldNames.has(name.toLowerCase().replace(/-/g, '_'));

  const values = (input: string): string => (pattern ? input.replace(pattern, REDACTED) : input);

  // A URL quoted in a message (node-fetch's "request to https://…?access_token=… failed").
  const text = (input: string): string => {
    const scrubbed = values(input);
    return scrubbed.includes('://') ? scrubbed.replace(URL_IN_TEXT, (match) => urlInText(match)) : scrubbed;
  };

  const value = <T>(input: T, seen = new WeakSet<object>()): T => {
    if (typeof input === 'string') return text(input) as T;
    if (input === null || typeof input !== 'object') return input;
    if (seen.has(input as object)) return '[Circular]' as T;
    seen.add(input as object);
    if (Array.isArray(input)) return input.map((item) => value(item, seen)) as T;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(input as Record<string, unknown>)) {
      out[key] = isSecretField(key) || headerNames.has(key.toLowerCase()) ? REDACTED : value(inner, seen);
    }
    return out as T;
  };

  /** The URL with secret parameters and credentials replaced, or `undefined` when nothing was secret. */
  const scrubUrl = (raw: string): string | undefined => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return undefined;
    }
    let changed = false;
    for (const key of [...url.searchParams.keys()]) {
      if (!isSecretField(key)) continue;
      url.searchParams.set(key, REDACTED);
      changed = true;
    }
    if (url.username || url.password) {
      url.username = REDACTED;
      url.password = '';
      changed = true;
    }
    return changed ? url.toString().replace(/%5BREDACTED%5D/g, REDACTED) : undefined;
  };

  const urlInText = (match: string): string => scrubUrl(match) ?? match;

  const redactUrl = (raw: string): string => values(scrubUrl(raw) ?? raw);

  const redactBody = (body: string): string => {
    const trimmed = body.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.stringify(value(JSON.parse(body)));
      } catch {
        // Not JSON after all: fall through to the text forms.
      }
    }
    if (/^[\w.%+-]+=/.test(trimmed)) {
      const params = new URLSearchParams(body);
      let changed = false;
      for (const key of [...params.keys()]) {
        if (isSecretField(key)) {
          params.set(key, REDACTED);
          changed = true;
        }
      }
      if (changed) return text(params.toString().replace(/%5BREDACTED%5D/g, REDACTED));
    }
    return text(body);
  };

  return {
    text,
    value: (input) => value(input),
    request(request) {
      const out: RequestSnapshot = { method: request.method, url: redactUrl(request.url) };
      if (request.headers) {
        out.headers = {};
        for (const [name, headerValue] of Object.entries(request.headers)) {
          const lower = name.toLowerCase();
          out.headers[lower] = headerNames.has(lower) ? REDACTED : text(headerValue);
        }
      }
      if (request.body !== undefined) out.body = redactBody(request.body);
      return out;
    },
  };
}

/**
 * Redacts a request with the default rules (authorization headers, token and secret fields).
 * Every error that carries a request stores the result of this, or of a {@link Redactor} that
 * also knows the connection's secret values.
 *
 * @example
 * ```ts
 * redactRequest({ method: 'GET', url: 'https://x.test/?access_token=abc' }).url;
 * // 'https://x.test/?access_token=[REDACTED]'
 * ```
 *
 * @category Errors
 */
export function redactRequest(request: RequestSnapshot, redactor: Redactor = createRedactor()): RequestSnapshot {
  return redactor.request(request);
}
