import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';
import type { HttpClientOptions, HttpRequest } from './client-types.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);
const TYPES = new Set(['json', 'text', 'bytes', 'stream', 'none']);

/**
 * Checks {@link HttpClientOptions} once and reports every problem together.
 *
 * @example
 * ```ts
 * validateClientOptions({ platform: '', baseUrl: 'not a url', context }); // throws with 2 issues
 * ```
 */
export function validateClientOptions(options: HttpClientOptions): void {
  const issues: ValidationIssue[] = [];
  if (!options.platform) issues.push({ path: ['platform'], message: "Expected the platform's name, e.g. 'shopify'." });
  try {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      issues.push({ path: ['baseUrl'], message: 'Expected an http(s) URL.' });
  } catch {
    issues.push({ path: ['baseUrl'], message: 'Expected an absolute URL such as https://api.example.com/v1.' });
  }
  if (!options.context)
    issues.push({ path: ['context'], message: 'Expected a resolved context: pass createContext(...).' });
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs >= 0)) {
    issues.push({ path: ['timeoutMs'], message: 'Expected a finite number >= 0 (0 disables the timeout).' });
  }
  if (issues.length) throw new ValidationError('HTTP client options', issues, { platform: options.platform });
}

/**
 * Checks one {@link HttpRequest} before anything is sent.
 *
 * @example
 * ```ts
 * validateRequest({ operation: 'getOrders', method: 'GET', path: '/orders' });
 * ```
 */
export function validateRequest(request: HttpRequest): void {
  const issues: ValidationIssue[] = [];
  if (!request.operation) issues.push({ path: ['operation'], message: 'Expected an operation name.' });
  if (!METHODS.has(request.method))
    issues.push({ path: ['method'], message: `Expected one of ${[...METHODS].join(', ')}.` });
  if (typeof request.path !== 'string') issues.push({ path: ['path'], message: 'Expected a path or absolute URL.' });
  if (request.json !== undefined && request.body !== undefined)
    issues.push({ path: ['body'], message: 'Give either json or body, not both.' });
  if (request.cost !== undefined && !(Number.isFinite(request.cost) && request.cost >= 0))
    issues.push({ path: ['cost'], message: 'Expected a finite number >= 0.' });
  if (request.responseType !== undefined && !TYPES.has(request.responseType))
    issues.push({ path: ['responseType'], message: `Expected one of ${[...TYPES].join(', ')}.` });
  if (issues.length) throw new ValidationError('HTTP request', issues, { operation: request.operation });
}
