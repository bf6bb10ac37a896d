import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';
import type { Redactor } from '../core/errors/redact.js';

/** An HTTP token (RFC 9110 §5.6.2): what a header name may consist of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What `Headers` refuses inside a value: line breaks, NUL, and anything that is not Latin-1. */
const BAD_VALUE = /[\r\n\0]|[^\u0000-\u00ff]/;

/**
 * Where a request's headers come from and what a failure is reported against.
 */
export interface HeaderSources {
  /** Header records, later ones overriding earlier ones; `undefined` values are left out. */
  sources: readonly (Readonly<Record<string, string | undefined>> | undefined)[];
  platform: string;
  operation: string;
  /** The redactor for the error, built only when there is one. */
  redactor: () => Redactor;
}

/**
 * Builds the `Headers` of one request, checking every name and value first, so that a value
 * `Headers` would refuse (a secret pasted with a line break) is reported as a
 * `ValidationError` naming the header, and never as the runtime's own `TypeError`, whose
 * message quotes the value.
 *
 * @example
 * ```ts
 * const headers = buildHeaders({ sources: [{ 'x-api-key': key }], platform: 'app', operation: 'ping', redactor: () => redactor });
 * ```
 */
export function buildHeaders(input: HeaderSources): Headers {
  const issues: ValidationIssue[] = [];
  const entries: [string, string][] = [];
  for (const source of input.sources) {
    for (const [name, raw] of Object.entries(source ?? {})) {
      if (raw === undefined) continue;
      // As `Headers` does: surrounding whitespace (a secret read from a file ends in a newline) is dropped.
      const value = String(raw).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
      if (!HEADER_NAME.test(name))
        issues.push({
          path: ['headers', input.redactor().text(name)],
          message: "Not a valid header name (letters, digits and !#$%&'*+.^_`|~- only).",
        });
      else if (BAD_VALUE.test(value)) {
        issues.push({
          path: ['headers', name],
          message:
            'The value contains a line break, a NUL or a character beyond Latin-1; check the secret or token it was built from.',
        });
      } else entries.push([name, value]);
    }
  }
  const fail = () =>
    new ValidationError('request headers', issues, {
      platform: input.platform,
      operation: input.operation,
      redactor: input.redactor(),
    });
  if (issues.length > 0) throw fail();
  const headers = new Headers();
  for (const [name, value] of entries) {
    try {
      headers.set(name, value);
    } catch {
      // The runtime's message quotes the value: report the header by name only.
      issues.push({ path: ['headers', name], message: 'The runtime refused this header value.' });
    }
  }
  if (issues.length > 0) throw fail();
  return headers;
}
