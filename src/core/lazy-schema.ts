const lazySchemas = new WeakSet<object>();

/**
 * Tells whether `value` is a schema made by {@link lazySchema}, without building it: checks
 * that would read a property (and so build the schema) on import can trust it instead.
 *
 * @example
 * ```ts
 * isLazySchema(lazySchema(() => z.string())); // true, and nothing was built
 * ```
 */
export function isLazySchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && lazySchemas.has(value);
}

/**
 * A schema (or any object) built the first time it is used instead of when its module is
 * imported: importing marketbridge constructs no zod schema, so a serverless cold start pays
 * only for the schemas a handler uses, and a bundler drops the ones nobody uses.
 *
 * The value returned stands in for the built schema in every way code can observe (`parse`,
 * `shape`, `instanceof`, `extend`, use inside other schemas, `z.infer`); `build` runs once, on
 * the first property read. Calls are marked pure so that an unused schema is tree-shaken.
 *
 * @example
 * ```ts
 * const SkuListSchema = lazySchema(() => z.array(z.string().min(1)));
 * SkuListSchema.parse(['A-1']); // built here, on first use
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // The proxy's own target stays an empty extensible object, so every trap may answer from the
  // built schema without breaking a proxy invariant (descriptors are reported configurable).
  const proxy = new Proxy(Object.create(null) as T, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
  lazySchemas.add(proxy);
  return proxy;
}
