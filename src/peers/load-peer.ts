import { createRequire } from 'node:module';
import { MarketbridgeError } from '../core/errors/marketbridge-error.js';

/**
 * Loads an optional peer dependency when the entry that needs it is imported, so that a
 * missing package fails at once with the command that installs it instead of a bare
 * "Cannot find module". Only types are imported statically; the value comes from here.
 *
 * @example
 * ```ts
 * const bullmq = loadPeer<typeof import('bullmq')>('bullmq', 'marketbridge/schedulers/bullmq', '>=5');
 * ```
 */
export function loadPeer<T>(name: string, entry: string, range: string): T {
  // The ESM build asks Node for a require relative to this file; in the CJS build
  // `import.meta` is empty and the module's own `require` is the real one.
  const url = (import.meta as { url?: string }).url;
  const load = url ? createRequire(url) : require;
  try {
    return load(name) as T;
  } catch (cause) {
    const { code, message } = (cause ?? {}) as { code?: string; message?: string };
    // Only the peer itself missing, not something the peer needs.
    if ((code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && String(message).includes(`'${name}'`)) {
      throw new MarketbridgeError(
        'internal',
        `${entry} needs the optional peer dependency "${name}", which is not installed. Install it with: npm install ${name}@"${range}"`,
        { cause },
      );
    }
    throw cause;
  }
}
