import type { z } from 'zod';
import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';

/**
 * One problem found while validating input.
 *
 * @category Errors
 */
export interface ValidationIssue {
  /** Where the problem is, from the root of the validated value. */
  path: (string | number)[];
  /** What is wrong, in words a user can act on. */
  message: string;
  /** The zod issue code, when the issue came from zod. */
  code?: string;
}

function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
}

/**
 * Input was rejected, whole, before anything was sent or changed. `issues` lists every
 * problem at once, each with its path.
 *
 * @example
 * ```ts
 * try {
 *   await factory.create('shopify', { shop: 'not a domain' });
 * } catch (error) {
 *   if (error instanceof ValidationError) console.log(error.issues.map((i) => i.path.join('.')));
 * }
 * ```
 *
 * @category Errors
 */
export class ValidationError extends MarketbridgeError {
  override name = 'ValidationError' as const;
  /** Every problem found. */
  readonly issues: ValidationIssue[];

  /**
   * @param what - what was validated, e.g. `config for marketplace "shopify"`
   * @param issues - every problem found
   * @param options - structured context
   */
  constructor(what: string, issues: ValidationIssue[], options: MarketbridgeErrorOptions = {}) {
    const lines = issues.map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`);
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super('validation_failed', `Invalid ${what} (${count}):\n${lines.join('\n')}`, { retryable: false, ...options });
    this.issues = issues;
  }

  /**
   * Builds a ValidationError from a zod error, keeping every issue.
   *
   * @example
   * ```ts
   * const parsed = schema.safeParse(input);
   * if (!parsed.success) throw ValidationError.fromZod('product input', parsed.error);
   * ```
   */
  static fromZod(what: string, error: z.ZodError, options: MarketbridgeErrorOptions = {}): ValidationError {
    return new ValidationError(what, issuesFromZod(error), options);
  }
}

/**
 * Converts a zod error into {@link ValidationIssue}s.
 *
 * @example
 * ```ts
 * const issues = issuesFromZod(schema.safeParse(input).error!);
 * ```
 *
 * @category Errors
 */
export function issuesFromZod(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    message: issue.message,
    code: issue.code,
  }));
}
