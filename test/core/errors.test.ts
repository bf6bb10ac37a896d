import { describe, expect, it } from 'vitest';
import {
  AuthError,
  createRedactor,
  isMarketbridgeError,
  MarketbridgeError,
  MarketplaceApiError,
  RateLimitError,
  redactRequest,
  REDACTED,
  UnsupportedOperationError,
  ValidationError,
} from '../../src/index.js';

const CANARY = 'canary-tok.en/with-dots.and/slashes';

describe('errors', () => {
  it('carry code, platform, operation, status and retryable', () => {
    const error = new RateLimitError('slow down', { platform: 'amazon', operation: 'getOrders', retryAfterMs: 1500 });
    expect(error).toBeInstanceOf(MarketbridgeError);
    expect(error.name).toBe('RateLimitError');
    expect(error.code).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(1500);
    expect(new MarketplaceApiError('x', { status: 503 }).retryable).toBe(true);
    expect(new MarketplaceApiError('x', { status: 400 }).retryable).toBe(false);
  });

  it('are recognised across realms by brand, and filtered by code', () => {
    const error = new AuthError('no');
    expect(isMarketbridgeError(error)).toBe(true);
    expect(isMarketbridgeError(error, 'auth_failed')).toBe(true);
    expect(isMarketbridgeError(error, 'timeout')).toBe(false);
    expect(isMarketbridgeError(new Error('plain'))).toBe(false);
    expect(isMarketbridgeError({ name: 'MarketbridgeError', code: 'timeout' })).toBe(false);
    expect(isMarketbridgeError(null)).toBe(false);
  });

  it('UnsupportedOperationError names platform and operation', () => {
    const error = new UnsupportedOperationError('my-shop', 'cancelOrder');
    expect(error.message).toContain('my-shop');
    expect(error.message).toContain('cancelOrder');
    expect(error.platform).toBe('my-shop');
    expect(error.operation).toBe('cancelOrder');
  });

  it('ValidationError lists every issue with its path', () => {
    const error = new ValidationError('config', [
      { path: ['a', 0, 'b'], message: 'bad' },
      { path: [], message: 'worse' },
    ]);
    expect(error.message).toContain('2 problems');
    expect(error.message).toContain('a[0].b: bad');
    expect(error.message).toContain('(root): worse');
  });
});

describe('redaction', () => {
  const redactor = createRedactor({ secrets: [CANARY] });
  const request = {
    method: 'POST',
    url: `https://api.example.test/token?client_secret=abc&keep=1&access_token=${encodeURIComponent(CANARY)}`,
    headers: {
      Authorization: `Bearer ${CANARY}`,
      'X-Amz-Access-Token': CANARY,
      'X-Trace': `trace ${CANARY}`,
      Accept: 'application/json',
    },
    body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(CANARY)}&client_id=app`,
  };

  it('removes secret headers, query parameters, form fields and known values', () => {
    const safe = redactor.request(request);
    const text = JSON.stringify(safe);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(encodeURIComponent(CANARY));
    expect(safe.headers?.authorization).toBe(REDACTED);
    expect(safe.headers?.accept).toBe('application/json');
    expect(safe.url).toContain('keep=1');
    expect(safe.url).toContain(`client_secret=${REDACTED}`);
    expect(safe.body).toContain('client_id=app');
  });

  it('redacts JSON bodies by field name and value', () => {
    const safe = redactRequest({
      method: 'POST',
      url: 'https://x.test/',
      body: JSON.stringify({ refresh_token: 'r', nested: { password: 'p', ok: 1 } }),
    });
    expect(JSON.parse(safe.body ?? '{}')).toEqual({ refresh_token: REDACTED, nested: { password: REDACTED, ok: 1 } });
  });

  it('keeps secrets out of messages, toJSON and cause chains', () => {
    const cause = new Error(`upstream said ${CANARY}`, { cause: new Error(`deeper ${CANARY}`) });
    const error = new MarketplaceApiError(`failed with ${CANARY}`, {
      request,
      cause,
      body: { error: 'invalid_grant', refresh_token: CANARY, detail: `token ${CANARY}` },
      redactor,
    });
    expect(error.message).not.toContain(CANARY);
    const json = JSON.stringify(error.toJSON());
    expect(json).not.toContain(CANARY);
    expect(json).toContain('invalid_grant');
    expect(JSON.stringify(error)).not.toContain(CANARY);
    expect(JSON.stringify(error.request)).not.toContain(CANARY);
  });
});
