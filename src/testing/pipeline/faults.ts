/**
 * A fault the simulator can inject instead of (or into) a normal answer:
 * - `throttle`: the platform's throttled answer (429 burst, THROTTLED, QuotaExceeded);
 * - `server-error`: a 500/502/503;
 * - `timeout`: no answer until the client gives up;
 * - `reset`: the connection drops (fetch rejects);
 * - `malformed`: a 200 with a truncated JSON body;
 * - `partial-page`: the handler is asked for a short page (`context.fault`).
 *
 * @category Pipeline simulator
 */
export type FaultKind = 'throttle' | 'server-error' | 'timeout' | 'reset' | 'malformed' | 'partial-page';

/**
 * One scheduled fault: on the listed request indexes (0-based, in arrival order), or every
 * `every`-th request, optionally starting `from` and at most `times`.
 *
 * @example
 * ```ts
 * const burst: FaultRule = { kind: 'throttle', at: [0, 1, 2] };
 * const flaky: FaultRule = { kind: 'server-error', every: 10, status: 502 };
 * ```
 *
 * @category Pipeline simulator
 */
export interface FaultRule {
  kind: FaultKind;
  at?: readonly number[];
  every?: number;
  from?: number;
  times?: number;
  /** Status for `server-error` (default 503). */
  status?: number;
}

/**
 * Decides which fault (if any) hits the request with a given index.
 *
 * @example
 * ```ts
 * const schedule: FaultSchedule = faultSchedule([{ kind: 'reset', at: [3] }]);
 * schedule(3); // { kind: 'reset' }
 * ```
 *
 * @category Pipeline simulator
 */
export type FaultSchedule = (index: number) => FaultRule | undefined;

/**
 * Builds a {@link FaultSchedule} from rules; the first matching rule wins.
 *
 * @example
 * ```ts
 * const schedule = faultSchedule([{ kind: 'throttle', at: [0, 1] }, { kind: 'server-error', every: 5, from: 2 }]);
 * ```
 *
 * @category Pipeline simulator
 */
export function faultSchedule(rules: readonly FaultRule[]): FaultSchedule {
  const used = new Map<FaultRule, number>();
  return (index) => {
    for (const rule of rules) {
      const count = used.get(rule) ?? 0;
      if (rule.times !== undefined && count >= rule.times) continue;
      const from = rule.from ?? 0;
      const hit =
        (rule.at?.includes(index) ?? false) ||
        (rule.every !== undefined && rule.every > 0 && index >= from && (index - from) % rule.every === 0);
      if (hit) {
        used.set(rule, count + 1);
        return rule;
      }
    }
    return undefined;
  };
}
