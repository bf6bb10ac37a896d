import { AuthError } from '../core/errors/auth-error.js';
import type { MarketbridgeError } from '../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../core/errors/not-found-error.js';
import { RateLimitError } from '../core/errors/rate-limit-error.js';
import type { Redactor, RequestSnapshot } from '../core/errors/redact.js';
import { ValidationError } from '../core/errors/validation-error.js';
import type { Classification } from './classify.js';

/**
 * Everything needed to turn a final verdict into a typed error.
 */
export interface ErrorInput {
  platform: string;
  operation: string;
  status: number;
  body: unknown;
  verdict: Classification;
  request: RequestSnapshot;
  redactor: Redactor;
  retryAfterMs?: number;
}

/**
 * Maps a final classification to the matching `MarketbridgeError` subclass, with the request
 * and the platform body redacted.
 *
 * @example
 * ```ts
 * throw responseError({ ...input, verdict: { kind: 'throttled', retryAfterMs: 1000 } }); // RateLimitError
 * ```
 */
export function responseError(input: ErrorInput): MarketbridgeError {
  const { platform, operation, status, verdict, request, redactor } = input;
  const base = { platform, operation, status, request, redactor };
  const what = `${platform} ${operation} (${request.method} ${new URL(request.url).pathname})`;
  const reason = verdict.message && !/^HTTP \d+$/.test(verdict.message) ? `: ${verdict.message}` : '';
  switch (verdict.kind) {
    case 'throttled': {
      const retryAfterMs = verdict.retryAfterMs ?? input.retryAfterMs;
      return new RateLimitError(`${what} was throttled${reason}. Wait and try again, or lower the request rate.`, {
        ...base,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    case 'auth':
      return new AuthError(`${what} was refused${reason}. Check the credentials and their scopes.`, base);
    case 'not_found':
      return new NotFoundError(`${what} found nothing${reason}.`, base);
    case 'invalid':
      if (verdict.issues?.length) {
        const issues = verdict.issues.map((issue) => ({ ...issue, message: redactor.text(issue.message) }));
        return new ValidationError(`${platform} ${operation} input${reason}`, issues, base);
      }
      return new MarketplaceApiError(`${what} failed with HTTP ${status}${reason}.`, {
        ...base,
        body: input.body,
        retryable: false,
      });
    default:
      return new MarketplaceApiError(`${what} failed with HTTP ${status}${reason}.`, {
        ...base,
        body: input.body,
        retryable: verdict.kind === 'transient',
      });
  }
}
