import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';
import type { ValidationIssue } from './validation-error.js';

/**
 * A verified webhook whose payload is not the shape its topic has: its typed handler was not
 * run. The webhook processor dead-letters the event at once with reason `invalid_payload`
 * (retrying cannot change the payload); `issues` says what was wrong, by path, without values.
 *
 * @example
 * ```ts
 * const letters = await processor.listDeadLetters();
 * for (const letter of letters.filter((l) => l.reason === 'invalid_payload')) console.warn(letter.event.topic, letter.lastError);
 * ```
 *
 * @category Errors
 */
export class WebhookPayloadError extends MarketbridgeError {
  override name = 'WebhookPayloadError' as const;
  /** Every problem found, by path. */
  readonly issues: ValidationIssue[];
  /** Why the handler did not run. */
  readonly reason = 'invalid_payload' as const;
  /** The topic whose payload failed the check. */
  readonly topic: string;

  /**
   * @param platform - the platform that sent it
   * @param topic - the topic, e.g. `orders/create`
   * @param issues - every problem found
   * @param options - structured context
   */
  constructor(platform: string, topic: string, issues: ValidationIssue[], options: MarketbridgeErrorOptions = {}) {
    const lines = issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    super(
      'validation_failed',
      `The ${platform} ${topic} webhook payload is not the shape of its topic, so its handler did not run (${issues.length} problem(s)):\n${lines.join('\n')}`,
      {
        platform,
        operation: 'receiveWebhook',
        retryable: false,
        ...options,
      },
    );
    this.issues = issues;
    this.topic = topic;
  }
}

/**
 * Whether `error` is a {@link WebhookPayloadError}, across realms and copies of the package.
 *
 * @example
 * ```ts
 * if (isWebhookPayloadError(error)) deadLetterNow(error.reason);
 * ```
 *
 * @category Errors
 */
export function isWebhookPayloadError(error: unknown): error is WebhookPayloadError {
  return (
    error instanceof Error &&
    error.name === 'WebhookPayloadError' &&
    (error as { reason?: unknown }).reason === 'invalid_payload'
  );
}
