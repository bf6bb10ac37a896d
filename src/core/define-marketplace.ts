import { isLazySchema } from './lazy-schema.js';
import type { z } from 'zod';
import type { BaseMarketplaceAPI } from './base-marketplace-api.js';
import type { ResolvedContext } from './context.js';
import type { MarketplaceEnvironments } from './environments.js';
import { ValidationError } from './errors/validation-error.js';
import type { MaybePromise } from './types.js';

/**
 * How to build one kind of marketplace: its name, the zod schema of its configuration and a
 * `create` function. Register it with a {@link MarketplaceFactory}.
 *
 * @example
 * ```ts
 * const definition: MarketplaceDefinition<'my-shop', typeof schema, MyShop> = defineMarketplace({
 *   name: 'my-shop',
 *   configSchema: schema,
 *   create: (config, context) => new MyShop(config, context),
 * });
 * ```
 *
 * @category Factory
 */
export interface MarketplaceDefinition<
  N extends string = string,
  S extends z.ZodType = z.ZodType,
  M extends BaseMarketplaceAPI = BaseMarketplaceAPI,
> {
  /** Registry name: lower case letters, digits and dashes, starting with a letter. */
  readonly name: N;
  /** One line that says what this marketplace is. */
  readonly description?: string;
  /** Validates the configuration passed to `factory.create`. */
  readonly configSchema: S;
  /** Builds an instance from validated configuration and a resolved context. */
  readonly create: (config: z.output<S>, context: ResolvedContext) => MaybePromise<M>;
  /**
   * Where instances send requests: the base URLs a configuration resolves to and the
   * platform's production hosts. `RealWorldAdapter` in sandbox mode refuses a connection whose
   * URLs include a production host; without this declaration it falls back to the
   * configuration's `environment` field and URL-valued fields.
   */
  readonly environments?: MarketplaceEnvironments<z.output<S>>;
}

/**
 * The configuration type a definition accepts (the schema's input).
 *
 * @category Factory
 */
export type ConfigOf<D> = D extends MarketplaceDefinition<string, infer S, BaseMarketplaceAPI> ? z.input<S> : never;

/**
 * The instance type a definition creates.
 *
 * @category Factory
 */
export type InstanceOf<D> = D extends MarketplaceDefinition<string, z.ZodType, infer M> ? M : never;

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Declares a marketplace definition, checking its name. Returns it frozen, typed for the
 * factory.
 *
 * Calls are marked free of side effects: a bundler drops a definition that nothing registers,
 * and with it the connector its `create` imports, whichever chunk of the build the definition
 * shares with other code (a bundle that uses only `parseMoney` from the root entry stays free
 * of every connector and of zod).
 *
 * @example
 * ```ts
 * const myShop = defineMarketplace({
 *   name: 'my-shop',
 *   configSchema: z.object({ baseUrl: z.string().url(), apiKey: z.string().min(1) }),
 *   create: (config, context) => new MyShop(config, context),
 * });
 * factory.register(myShop);
 * ```
 *
 * @category Factory
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineMarketplace<N extends string, S extends z.ZodType, M extends BaseMarketplaceAPI>(
  definition: MarketplaceDefinition<N, S, M>,
): MarketplaceDefinition<N, S, M> {
  const issues = [];
  if (typeof definition?.name !== 'string' || !NAME.test(definition.name)) {
    issues.push({
      path: ['name'],
      message: `Use lower-case letters, digits and dashes, starting with a letter (got ${JSON.stringify(definition?.name)}).`,
    });
  }
  // A schema of marketbridge's own built on first use is one; asking it would build it on import.
  if (!isLazySchema(definition?.configSchema) && typeof definition?.configSchema?.safeParse !== 'function') {
    issues.push({ path: ['configSchema'], message: 'Expected a zod schema.' });
  }
  if (typeof definition?.create !== 'function') {
    issues.push({ path: ['create'], message: 'Expected a function (config, context) => marketplace.' });
  }
  const environments = definition?.environments;
  if (
    environments !== undefined &&
    (typeof environments?.urls !== 'function' ||
      !Array.isArray(environments?.productionHosts) ||
      typeof environments?.sandboxHint !== 'string')
  ) {
    issues.push({
      path: ['environments'],
      message: 'Expected { urls(config), productionHosts: string[], sandboxHint: string }.',
    });
  }
  if (issues.length > 0) throw new ValidationError('marketplace definition', issues);
  return Object.freeze({ ...definition });
}
