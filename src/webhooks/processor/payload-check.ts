import type { z } from 'zod';
import { issuesFromZod, type ValidationIssue } from '../../core/errors/validation-error.js';
import { WebhookPayloadError } from '../../core/errors/webhook-payload-error.js';
import type { Failure } from '../../core/result.js';
import type { MaybePromise } from '../../core/types.js';
import type { WebhookEvent, WebhookHandler } from './types.js';

/**
 * Why a typed webhook handler did not run: the payload is not the shape of its topic.
 *
 * @category Processor
 */
export interface WebhookPayloadFailure extends Failure<'invalid_payload'> {
  platform: string;
  topic: string;
  /** Every problem, by path; values are left out. */
  issues: ValidationIssue[];
}

/**
 * Called with the typed failure of a payload that failed its topic's check, before the event is
 * dead-lettered with reason `invalid_payload`.
 *
 * @category Processor
 */
export type InvalidWebhookPayloadHandler = (failure: WebhookPayloadFailure, event: WebhookEvent) => MaybePromise<void>;

/**
 * A processor route that checks the payload with `schema()` (built on first use) and runs
 * `handler` with the checked, typed value only. A payload that fails the check never reaches
 * the handler: `onInvalid` gets the typed failure, and the route throws a
 * `WebhookPayloadError`, which the processor dead-letters at once with reason `invalid_payload`.
 *
 * @example
 * ```ts
 * const route = checkedWebhookRoute('my-shop', 'orders/create', () => OrderWebhookSchema, (order) => queue.push(order.id));
 * ```
 *
 * @category Processor
 */
export function checkedWebhookRoute<S extends z.ZodType>(
  platform: string,
  topic: string,
  schema: () => S,
  handler: (payload: z.output<S>, event: WebhookEvent) => MaybePromise<void>,
  onInvalid?: InvalidWebhookPayloadHandler,
): WebhookHandler {
  return async (event) => {
    const checked = schema().safeParse(event.payload);
    if (checked.success) return handler(checked.data, event);
    const issues = issuesFromZod(checked.error);
    const error = new WebhookPayloadError(platform, topic, issues);
    if (onInvalid)
      await onInvalid({ reason: 'invalid_payload', message: error.message, platform, topic, issues }, event);
    throw error;
  };
}
