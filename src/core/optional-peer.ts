import { createRequire } from 'node:module';

/**
 * Loads an optional peer dependency synchronously, or throws an error that names the entry
 * that needs it and the `npm install` that adds it. A peer that is installed but fails to
 * load (a syntax error, a missing dependency of its own) is reported with its own error as
 * the cause, not as missing.
 *
 * @example
 * ```ts
 * const msw = loadOptionalPeer<typeof import('msw')>('msw', 'marketbridge/testing/msw', import.meta.url);
 * ```
 */
export function loadOptionalPeer<T>(name: string, entry: string, from: string, install = `npm install --save-dev ${name}`): T {
  try {
    return createRequire(from)(name) as T;
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    const missing = (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && String((cause as Error).message).includes(`'${name}'`);
    const message = missing
      ? `${entry} needs the optional peer dependency "${name}", which is not installed. Run: ${install}`
      : `${entry} could not load its peer dependency "${name}".`;
    throw new Error(message, { cause });
  }
}
