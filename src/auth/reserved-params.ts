import type { ValidationIssue } from '../core/errors/validation-error.js';

/**
 * Authorisation URL parameters marketbridge sets itself and that extra parameters cannot
 * override: overriding `state` or `code_challenge_method` would silently switch off the CSRF
 * and PKCE protection. `scope` is not among them: an extra `scope` is sent when no `scopes` are
 * given (for platforms that separate scopes with commas), and `scopes` wins otherwise.
 *
 * @example
 * ```ts
 * RESERVED_AUTHORIZE_PARAMS.includes('state'); // true
 * ```
 *
 * @category OAuth
 */
export const RESERVED_AUTHORIZE_PARAMS: readonly string[] = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
];

/**
 * Token request parameters marketbridge sets itself: the grant, its code or refresh token, the
 * PKCE verifier and the client credentials. `scope` stays allowed (Amazon LWA grantless calls).
 *
 * @example
 * ```ts
 * RESERVED_TOKEN_PARAMS.includes('refresh_token'); // true
 * ```
 *
 * @category OAuth
 */
export const RESERVED_TOKEN_PARAMS: readonly string[] = [
  'grant_type',
  'code',
  'redirect_uri',
  'code_verifier',
  'refresh_token',
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
];

/**
 * Problems with a record of extra parameters: a reserved name (compared case-insensitively),
 * or a value that is not a string.
 *
 * @example
 * ```ts
 * extraParamIssues({ state: 'x' }, RESERVED_AUTHORIZE_PARAMS, ['extraParams']); // one issue at ['extraParams', 'state']
 * ```
 */
export function extraParamIssues(
  params: unknown,
  reserved: readonly string[],
  path: readonly (string | number)[],
): ValidationIssue[] {
  if (params === undefined) return [];
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    return [{ path: [...path], message: 'Expected an object of string parameters.' }];
  const issues: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (reserved.includes(name.toLowerCase()))
      issues.push({ path: [...path, name], message: `"${name}" is set by marketbridge and cannot be overridden.` });
    else if (typeof value !== 'string') issues.push({ path: [...path, name], message: 'Expected a string.' });
  }
  return issues;
}
