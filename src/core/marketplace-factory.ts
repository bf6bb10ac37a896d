import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import type { BaseMarketplaceAPI } from './base-marketplace-api.js';
import { createContext, type Context } from './context.js';
import type { ConfigOf, InstanceOf, MarketplaceDefinition } from './define-marketplace.js';
import { MarketbridgeError } from './errors/marketbridge-error.js';
import { ValidationError, issuesFromZod } from './errors/validation-error.js';

/**
 * A marketplace definition of any name, schema and instance type.
 *
 * @category Factory
 */
export type AnyDefinition = MarketplaceDefinition<string, z.ZodType, BaseMarketplaceAPI>;

/**
 * The map of names to definitions a factory knows, for typing `create`.
 *
 * @category Factory
 */
export type DefinitionMap = Record<string, AnyDefinition>;

/**
 * A registry of marketplace definitions: built-in connectors, the simulated marketplace and
 * your own. An instance, not a global: two factories share nothing. `create` validates the
 * configuration with the definition's schema and reports every problem in one
 * {@link ValidationError}; an unknown name lists the registered ones.
 *
 * @example
 * ```ts
 * const factory = new MarketplaceFactory().register(myShop);
 * const shop = await factory.create('my-shop', { baseUrl: 'https://shop.example', apiKey: key });
 * ```
 *
 * @category Factory
 */
export class MarketplaceFactory<M extends DefinitionMap = Record<never, never>> {
  readonly #definitions = new Map<string, AnyDefinition>();

  /**
   * Adds a definition. Registering a name twice is an error unless `replace: true`.
   * Returns the factory, typed with the new name.
   */
  register<D extends AnyDefinition>(
    definition: D,
    options: { replace?: boolean } = {},
  ): MarketplaceFactory<M & { [K in D['name']]: D }> {
    if (this.#definitions.has(definition.name) && !options.replace) {
      throw new ValidationError('marketplace registration', [
        {
          path: ['name'],
          message: `A marketplace named "${definition.name}" is already registered. Pass { replace: true } to replace it.`,
        },
      ]);
    }
    this.#definitions.set(definition.name, definition);
    return this as unknown as MarketplaceFactory<M & { [K in D['name']]: D }>;
  }

  /** Whether a marketplace with this name is registered. */
  has(name: string): boolean {
    return this.#definitions.has(name);
  }

  /** The registered names, sorted. */
  names(): string[] {
    return [...this.#definitions.keys()].sort();
  }

  /** The definition registered under `name`, if any. */
  get(name: string): AnyDefinition | undefined {
    return this.#definitions.get(name);
  }

  /**
   * Validates `config` for the marketplace `name` without creating anything. Every problem is
   * in the one error.
   */
  validateConfig<N extends keyof M & string>(
    name: N,
    config: unknown,
  ): Result<z.output<M[N]['configSchema']>, ValidationError>;
  validateConfig(name: string, config: unknown): Result<unknown, ValidationError>;
  validateConfig(name: string, config: unknown): Result<unknown, ValidationError> {
    const definition = this.#definitions.get(name);
    if (!definition) return err(this.#unknown(name));
    const parsed = definition.configSchema.safeParse(config);
    if (!parsed.success) {
      return err(
        new ValidationError(`config for marketplace "${name}"`, issuesFromZod(parsed.error), { platform: name }),
      );
    }
    return ok(parsed.data);
  }

  /**
   * Creates a marketplace instance. Rejects with a {@link ValidationError} if the name is not
   * registered or the configuration is invalid.
   */
  async create<N extends keyof M & string>(
    name: N,
    config: ConfigOf<M[N]>,
    context?: Context,
  ): Promise<InstanceOf<M[N]>>;
  async create(name: string, config: unknown, context?: Context): Promise<BaseMarketplaceAPI>;
  async create(name: string, config: unknown, context?: Context): Promise<BaseMarketplaceAPI> {
    const definition = this.#definitions.get(name);
    const validated = this.validateConfig(name, config);
    if (validated.isErr() || !definition) throw validated.isErr() ? validated.error : this.#unknown(name);
    const instance = await definition.create(validated.value, createContext(context));
    if (instance?.platform === undefined) {
      throw new MarketbridgeError(
        'internal',
        `The definition "${name}" did not return a BaseMarketplaceAPI instance.`,
        { platform: name },
      );
    }
    return instance;
  }

  #unknown(name: string): ValidationError {
    const known = this.names();
    return new ValidationError('marketplace name', [
      {
        path: ['name'],
        message: `No marketplace named "${name}" is registered. Registered: ${known.length ? known.join(', ') : '(none)'}. Register it with factory.register(defineMarketplace({ ... })).`,
      },
    ]);
  }
}
