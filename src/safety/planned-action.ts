import type { MarketplaceAction } from '../model/action.js';
import { translateSimulationAction, type PlannedOperation } from './translate.js';

/**
 * Actions the safety layer has parsed and translated, with their operation. An entry's action is
 * frozen, so what was checked is what runs; anything else (a copy, an edited action, a dialect
 * input) is parsed again.
 */
const planned = new WeakMap<object, PlannedOperation>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Translates a parsed action once and remembers its operation: the validator, the executor and
 * the compliance checks then take the action as it is, without parsing or translating it again.
 * The action is frozen (deeply). `translated` is the operation already made of the same action
 * (a copy that only names its marketplace), so that it is not translated again.
 *
 * @example
 * ```ts
 * const plan = planAction(parsed); // parsed: the MarketplaceAction normalizeAction returned
 * ```
 */
export function planAction(action: MarketplaceAction, translated?: PlannedOperation): PlannedOperation {
  const known = planned.get(action);
  if (known) return known;
  const plan = translated ?? translateSimulationAction(action);
  planned.set(deepFreeze(action), plan);
  return plan;
}

/**
 * The operation {@link planAction} made of exactly this object, if it did.
 *
 * @example
 * ```ts
 * const plan = plannedOperationOf(input) ?? translateSimulationAction(parse(input));
 * ```
 */
export function plannedOperationOf(input: unknown): PlannedOperation | undefined {
  return input !== null && typeof input === 'object' ? planned.get(input) : undefined;
}
