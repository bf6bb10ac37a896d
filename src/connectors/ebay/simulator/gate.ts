import type { Clock } from '../../../core/clock.js';
import { ServerLimit } from '../../../testing/pipeline/server-limit.js';
import { EBAY_CALL_LIMITS, ebayTokenBucket, type EbayCallLimit } from '../limits.js';
import { EBAY_OPERATIONS, type EbayApi, type EbayOperation, type EbayTokenKind } from '../operations-table.js';
import { EBAY_SCOPES } from '../scopes.js';
import { ebayError, errorAnswer, throttledAnswer } from './answers.js';
import type { EbaySimState } from './state.js';

/**
 * Calls, throttled answers and token requests as the simulator counted them.
 *
 * @category Simulator
 */
export interface EbaySimulatorStats {
  /** API calls (token requests excluded). */
  calls: number;
  /** Calls answered 429 (errorId 2001). */
  throttled: number;
  /** Calls and throttled answers per eBay operation. */
  operations: Record<string, { calls: number; throttled: number }>;
  /** Token endpoint requests by grant. */
  tokens: { authorizationCode: number; refreshToken: number; clientCredentials: number };
  /** Revisions refused because a listing reached its daily limit. */
  revisionsRefused: number;
  /** Simulated time of the first and the last call (epoch ms). */
  firstAt?: number;
  lastAt?: number;
}

const SCOPE_BY_API: Partial<Record<EbayApi, string>> = {
  inventory: EBAY_SCOPES.inventory,
  fulfillment: EBAY_SCOPES.fulfillment,
};

/**
 * The simulator's front door for API calls, as eBay's is: the token (scheme, validity, kind
 * and scopes), then the call limit of the operation's API (a token bucket per API, counted on
 * the simulator's own clock, independent of any client), answering eBay's error envelopes.
 *
 * @example
 * ```ts
 * const gate = new EbaySimGate(clock, state, {});
 * const refused = gate.check('getOffers', request);
 * ```
 */
export class EbaySimGate {
  readonly #clock: Clock;
  readonly #state: EbaySimState;
  readonly #limits: Map<EbayApi, ServerLimit> = new Map();
  readonly #overrides: Partial<Record<EbayApi, EbayCallLimit>>;
  #stats: EbaySimulatorStats = EbaySimGate.#emptyStats();

  /**
   * @param clock - simulated time
   * @param state - the account (tokens)
   * @param limits - call limits per API (default: eBay's published defaults)
   */
  constructor(clock: Clock, state: EbaySimState, limits: Partial<Record<EbayApi, EbayCallLimit>>) {
    this.#clock = clock;
    this.#state = state;
    this.#overrides = limits;
  }

  static #emptyStats(): EbaySimulatorStats {
    return {
      calls: 0,
      throttled: 0,
      operations: {},
      tokens: { authorizationCode: 0, refreshToken: 0, clientCredentials: 0 },
      revisionsRefused: 0,
    };
  }

  /** The counters (a copy). */
  stats(): EbaySimulatorStats {
    return structuredClone(this.#stats);
  }

  /** Counts a token request. */
  countToken(grant: keyof EbaySimulatorStats['tokens']): void {
    this.#stats.tokens[grant]++;
  }

  /** Counts a refused revision. */
  countRefusedRevision(): void {
    this.#stats.revisionsRefused++;
  }

  /** Forgets the buckets and the counters. */
  reset(): void {
    this.#limits.clear();
    this.#stats = EbaySimGate.#emptyStats();
  }

  /** The kind of the token a request carries, when valid. */
  tokenKind(request: Request): EbayTokenKind | undefined {
    const token = /^(?:Bearer|IAF) (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const issued = token ? this.#state.accessTokens.get(token) : undefined;
    return issued && issued.expiresAt > this.#clock.now() ? issued.kind : undefined;
  }

  /**
   * Checks one call; resolves the refusal to answer with, or `undefined` to go on. `accept`
   * widens the token kinds the operation takes (subscriptions take either).
   */
  check(operation: EbayOperation, request: Request, accept?: readonly EbayTokenKind[]): Response | undefined {
    const now = this.#clock.now();
    const entry = (this.#stats.operations[operation] ??= { calls: 0, throttled: 0 });
    this.#stats.calls++;
    entry.calls++;
    this.#stats.firstAt ??= now;
    this.#stats.lastAt = now;
    const info = EBAY_OPERATIONS[operation];
    const header = request.headers.get('authorization') ?? '';
    const scheme = info.api === 'postOrder' ? 'IAF' : 'Bearer';
    const match = new RegExp(`^${scheme} (.+)$`).exec(header);
    const token = match?.[1] ? this.#state.accessTokens.get(match[1]) : undefined;
    if (!token || token.expiresAt <= now) {
      return errorAnswer(
        401,
        ebayError(1001, 'Invalid access token', {
          domain: 'OAuth',
          longMessage: `Invalid access token. Check the value of the Authorization HTTP request header (${scheme} <token>).`,
        }),
      );
    }
    const kinds = accept ?? [info.token];
    const scope = SCOPE_BY_API[info.api];
    if (!kinds.includes(token.kind) || (token.kind === 'user' && scope && !token.scopes.includes(scope))) {
      return errorAnswer(
        403,
        ebayError(1100, 'Access denied', {
          domain: 'ACCESS',
          longMessage: 'Insufficient permissions to fulfill the request.',
        }),
      );
    }
    // A hair under one token: a client pacing by the same arithmetic must not lose to float rounding.
    if (!this.#limit(info.api).check(1 - 1e-9, 1 - 1e-9, now).allowed) {
      this.#stats.throttled++;
      entry.throttled++;
      return throttledAnswer();
    }
    return undefined;
  }

  #limit(api: EbayApi): ServerLimit {
    let limit = this.#limits.get(api);
    if (!limit) {
      limit = new ServerLimit(ebayTokenBucket(this.#overrides[api] ?? EBAY_CALL_LIMITS[api], api), this.#clock);
      this.#limits.set(api, limit);
    }
    return limit;
  }
}
