import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import { issuesFromZod } from '../../core/errors/validation-error.js';
import { failure, type Failure } from '../../core/result.js';
import { MarketplaceActionSchema, type MarketplaceAction } from '../../model/action.js';
import { parseMoney } from '../../model/money.js';
import { plannedOperationOf } from '../planned-action.js';
import { isSimulationDialect, SimulationDialectActionSchema } from './schema.js';

/**
 * An action input in either vocabulary, made canonical:
 * - `action`: a {@link MarketplaceAction} (`dialect` says whether it was written in the
 *   simulation dialect);
 * - `unnamed_delete`: a dialect `bulk_delete` with a `count` but no `product_ids`, which the
 *   delete caps can judge but nothing can execute.
 *
 * @example
 * ```ts
 * const normalized: NormalizedAction = normalizeAction(input, { currency: 'USD' })._unsafeUnwrap();
 * if (normalized.kind === 'action') console.log(normalized.action.type);
 * ```
 *
 * @category Validator
 */
export type NormalizedAction =
  | { kind: 'action'; action: MarketplaceAction; dialect: boolean }
  | { kind: 'unnamed_delete'; count: number; id?: string; marketplace?: string };

/**
 * Why an action input could not be made canonical: `invalid_action` (neither vocabulary's
 * schema accepts it, or the price has more decimals than its currency) or `currency_unknown`
 * (a dialect price with no currency given and none known for the connection).
 *
 * @category Validator
 */
export type ActionInputFailure = Failure<'invalid_action' | 'currency_unknown'>;

/**
 * Options of {@link normalizeAction}.
 *
 * @example
 * ```ts
 * const options: NormalizeActionOptions = { currency: 'USD' };
 * ```
 *
 * @category Validator
 */
export interface NormalizeActionOptions {
  /** The currency of dialect prices that name none: the connection's. */
  currency?: string | undefined;
}

const describe = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
const invalid = (prefix: string, error: z.ZodError) =>
  failure('invalid_action', `${prefix}${describe(error)}`, { issues: issuesFromZod(error) });

/**
 * Makes an action input canonical. A {@link MarketplaceAction} is validated as it is; a
 * simulation-dialect action (see {@link SimulationDialectActionSchema}) is translated: a float
 * price becomes minor units through its shortest decimal representation in the currency
 * (29.99 USD → 2999; 29.999 USD is refused, never rounded), `product_sku` becomes `sku`,
 * `quantity_change` becomes `delta`, `bulk_delete` becomes `delete_listings`.
 *
 * @example
 * ```ts
 * normalizeAction({ type: 'set_price', product_sku: 'FBA-PRODUCT-001', new_price: 29.99 }, { currency: 'USD' });
 * // Ok({ kind: 'action', dialect: true, action: { type: 'set_price', sku: 'FBA-PRODUCT-001', price: { amountMinor: 2999, currency: 'USD' } } })
 * normalizeAction({ type: 'bulk_delete', count: 1000 }); // Ok({ kind: 'unnamed_delete', count: 1000 })
 * ```
 *
 * @category Validator
 */
export function normalizeAction(
  input: unknown,
  options: NormalizeActionOptions = {},
): Result<NormalizedAction, ActionInputFailure> {
  // An action the safety layer parsed and froze on its way is not parsed again.
  if (plannedOperationOf(input)) return ok({ kind: 'action', action: input as MarketplaceAction, dialect: false });
  if (!isSimulationDialect(input)) {
    const parsed = MarketplaceActionSchema.safeParse(input);
    return parsed.success
      ? ok({ kind: 'action', action: parsed.data, dialect: false })
      : err(invalid('', parsed.error));
  }
  const parsed = SimulationDialectActionSchema.safeParse(input);
  if (!parsed.success) return err(invalid('Simulation action: ', parsed.error));
  const dialect = parsed.data;
  const base: { id?: string; marketplace?: string } = {};
  const id = dialect.id ?? dialect.action_id;
  if (id !== undefined) base.id = id;
  if (dialect.marketplace !== undefined) base.marketplace = dialect.marketplace;
  let action: unknown;
  switch (dialect.type) {
    case 'set_price': {
      const currency = dialect.currency ?? options.currency;
      if (currency === undefined) {
        return err(
          failure(
            'currency_unknown',
            `set_price of ${dialect.product_sku} gives new_price ${JSON.stringify(dialect.new_price)} without a currency, and the connection's is not known; add currency to the action.`,
          ),
        );
      }
      const price = parseMoney(dialect.new_price, currency);
      if (price.isErr()) {
        return err(
          failure(
            'invalid_action',
            `set_price of ${dialect.product_sku}: new_price ${JSON.stringify(dialect.new_price)} is not a ${currency} amount (${price.error.message}); it is refused, not rounded.`,
            { money: price.error.reason },
          ),
        );
      }
      action = { ...base, type: 'set_price', sku: dialect.product_sku, price: price.value };
      break;
    }
    case 'adjust_inventory':
      action = { ...base, type: 'adjust_inventory', sku: dialect.product_sku, delta: dialect.quantity_change };
      break;
    case 'set_inventory':
      action = { ...base, type: 'set_inventory', sku: dialect.product_sku, quantity: dialect.quantity };
      break;
    case 'bulk_delete':
      if (!dialect.product_ids) return ok({ kind: 'unnamed_delete', count: dialect.count, ...base });
      if (dialect.product_ids.length !== dialect.count) {
        return err(
          failure(
            'invalid_action',
            `bulk_delete says count ${dialect.count} but lists ${dialect.product_ids.length} product_ids; make them agree.`,
          ),
        );
      }
      action = { ...base, type: 'delete_listings', productIds: dialect.product_ids };
      break;
  }
  const canonical = MarketplaceActionSchema.safeParse(action);
  return canonical.success
    ? ok({ kind: 'action', action: canonical.data, dialect: true })
    : err(invalid('Simulation action: ', canonical.error));
}
