import fc from 'fast-check';
import type { TestWebhookRequest } from '../../src/testing/webhooks/index.js';

export const RUNS = Number(process.env.MB_PROPERTY_RUNS ?? 10_000);

/** A JSON-ish body generator: objects with string/number fields, like platform payloads. */
export const bodyArb = fc
  .dictionary(
    fc.string({ minLength: 1, maxLength: 8 }),
    fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean()),
    { minKeys: 1, maxKeys: 6 },
  )
  .map((object) => JSON.stringify({ id: 'evt', ...object }));

export type Mutation =
  | { kind: 'body_char'; at: number; char: string }
  | { kind: 'body_whitespace'; at: number; ws: string }
  | { kind: 'reserialize' }
  | { kind: 'sig_char'; at: number; char: string }
  | { kind: 'sig_truncate'; drop: number }
  | { kind: 'sig_case'; at: number }
  | { kind: 'drop_header' }
  | { kind: 'dup_header_mutated_body' }
  | { kind: 'timestamp'; delta: number }
  | { kind: 'id'; suffix: string };

export const mutationArb = (extra: ('timestamp' | 'id')[] = []): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('body_char' as const),
      at: fc.nat(),
      char: fc.constantFrom('a', 'Z', '0', '"', '}', 'é'),
    }),
    fc.record({
      kind: fc.constant('body_whitespace' as const),
      at: fc.nat(),
      ws: fc.constantFrom(' ', '\n', '\t', '\r\n'),
    }),
    fc.constant({ kind: 'reserialize' as const }),
    fc.record({
      kind: fc.constant('sig_char' as const),
      at: fc.nat(),
      char: fc.constantFrom('A', 'b', '0', '9', '+', '/', 'f'),
    }),
    fc.record({ kind: fc.constant('sig_truncate' as const), drop: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('sig_case' as const), at: fc.nat() }),
    fc.constant({ kind: 'drop_header' as const }),
    fc.constant({ kind: 'dup_header_mutated_body' as const }),
    ...(extra.includes('timestamp')
      ? [
          fc.record({
            kind: fc.constant('timestamp' as const),
            delta: fc.integer({ min: -120, max: 120 }).filter((d) => d !== 0),
          }),
        ]
      : []),
    ...(extra.includes('id')
      ? [fc.record({ kind: fc.constant('id' as const), suffix: fc.string({ minLength: 1, maxLength: 4 }) })]
      : []),
  );

function changeChar(text: string, at: number, char: string): string {
  const index = at % text.length;
  const replacement = text[index] === char ? (char === 'a' ? 'b' : 'a') : char;
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

export interface SignatureLayout {
  /** The header carrying the signature. */
  header: string;
  /** Where the mutable signature text starts and ends inside the header value. */
  span: (value: string) => [number, number];
  /** Whether two signature texts mean the same bytes (e.g. hex in another case). */
  same?: (a: string, b: string) => boolean;
}

/** Applies a mutation; the result is always a request the signer did not sign. */
export function mutate(
  request: TestWebhookRequest,
  mutation: Mutation,
  layout: SignatureLayout,
): { headers: Record<string, string | string[]>; body: string } {
  const headers: Record<string, string | string[]> = { ...request.headers };
  let body = request.body;
  const value = request.headers[layout.header]!;
  const [start, end] = layout.span(value);
  const signature = value.slice(start, end);
  const withSignature = (next: string) => value.slice(0, start) + next + value.slice(end);
  switch (mutation.kind) {
    case 'body_char':
      body = changeChar(body, mutation.at, mutation.char);
      break;
    case 'body_whitespace': {
      const at = mutation.at % (body.length + 1);
      body = body.slice(0, at) + mutation.ws + body.slice(at);
      break;
    }
    case 'reserialize': {
      const again = JSON.stringify(JSON.parse(body), null, 2);
      body = again === body ? `${body}\n` : again;
      break;
    }
    case 'sig_char': {
      let next = changeChar(signature, mutation.at, mutation.char);
      if (layout.same?.(next, signature))
        next = changeChar(signature, mutation.at, next[mutation.at % signature.length] === 'e' ? 'd' : 'e');
      headers[layout.header] = withSignature(next);
      break;
    }
    case 'sig_truncate':
      headers[layout.header] = withSignature(signature.slice(0, Math.max(0, signature.length - mutation.drop)));
      break;
    case 'sig_case': {
      const letters = [...signature].map((c, i) => (/[a-zA-Z]/.test(c) ? i : -1)).filter((i) => i >= 0);
      const index = letters[mutation.at % Math.max(1, letters.length)] ?? 0;
      const c = signature[index] ?? 'a';
      const flipped = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
      let next = signature.slice(0, index) + flipped + signature.slice(index + 1);
      // Hex in another case is the same MAC, not a forgery: change the body instead.
      if (layout.same?.(next, signature) || next === signature) {
        next = signature;
        body = `${body} `;
      }
      headers[layout.header] = withSignature(next);
      break;
    }
    case 'drop_header':
      delete headers[layout.header];
      break;
    case 'dup_header_mutated_body':
      headers[layout.header] = [value, value];
      body = `${body}\n`;
      break;
    case 'timestamp': {
      const key = 'webhook-timestamp' in headers ? 'webhook-timestamp' : layout.header;
      const current = String(headers[key]);
      headers[key] = current.replace(/(^|t=)(\d+)/, (_m, p: string, n: string) => `${p}${Number(n) + mutation.delta}`);
      break;
    }
    case 'id':
      headers['webhook-id'] = `${String(headers['webhook-id'])}${mutation.suffix}`;
      break;
  }
  return { headers, body };
}

/** Random header-name casing of a valid request (still valid). */
export function recase(headers: Record<string, string>, seed: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const cased = [...name].map((c, i) => ((seed >> (i % 16)) & 1 ? c.toUpperCase() : c)).join('');
    out[cased] = value;
  }
  return out;
}
