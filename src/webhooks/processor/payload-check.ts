import type { z } from 'zod';
import { issuesFromZod, ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
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

/**
 * What {@link checkedWebhookRoutes} needs to know of one platform's typed topics.
 *
 * @category Processor
 */
export interface CheckedTopics {
  /** The processor's platform key the routes are filed under. */
  platform: string;
  /** Names the handlers in a `ValidationError` (`'bol.com push handlers'`). */
  label: string;
  /** The `platform` detail of that `ValidationError`. */
  errorPlatform: string;
  /** The typed topics, listed in the error for a name that is not one. */
  typed: readonly string[];
  /** The typed topic a name stands for (an alias resolves to its topic), or `undefined`. */
  typedOf(name: string): string | undefined;
  /** The schema of a typed topic. */
  schemaOf(topic: string): z.ZodType;
  /** The schema every untyped topic is checked with: the platform's envelope. */
  envelope: () => z.ZodType;
  /** Other names a typed topic arrives under, routed to the same handler. */
  aliases?: Readonly<Record<string, string>>;
}

/**
 * A platform's routes from typed handlers (checked with their topic's schema) and untyped ones
 * (checked with the envelope), every route built with {@link checkedWebhookRoute}. A name in the
 * wrong table or a handler that is not a function is reported, all at once, in one
 * `ValidationError`, and no route is returned.
 *
 * @example
 * ```ts
 * const routes = checkedWebhookRoutes(topics, { ORDER_CHANGE: onOrder }, { ANY_OFFER_CHANGED: onOffers });
 * ```
 *
 * @category Processor
 */
export function checkedWebhookRoutes(
  topics: CheckedTopics,
  handlers: Readonly<Record<string, unknown>> | undefined,
  untyped: Readonly<Record<string, unknown>> | undefined,
  onInvalid?: InvalidWebhookPayloadHandler,
): Record<string, Record<string, WebhookHandler>> {
  const routes: Record<string, WebhookHandler> = {};
  const issues: ValidationIssue[] = [];
  const handlerOf = (path: string[], handler: unknown) => {
    if (typeof handler === 'function') return handler as (payload: unknown, event: WebhookEvent) => MaybePromise<void>;
    issues.push({ path, message: 'Expected a handler function.' });
    return undefined;
  };
  for (const [name, value] of Object.entries(handlers ?? {})) {
    if (value === undefined) continue;
    const handler = handlerOf([name], value);
    const topic = topics.typedOf(name);
    if (handler && topic !== name)
      issues.push({
        path: [name],
        message: `"${name}" is not a typed topic (${topics.typed.join(', ')}); give its handler in options.untyped.`,
      });
    if (!handler || topic !== name) continue;
    routes[topic] = checkedWebhookRoute(topics.platform, topic, () => topics.schemaOf(topic), handler, onInvalid);
  }
  for (const [alias, topic] of Object.entries(topics.aliases ?? {})) if (routes[topic]) routes[alias] = routes[topic];
  for (const [name, value] of Object.entries(untyped ?? {})) {
    const handler = handlerOf(['untyped', name], value);
    if (handler && topics.typedOf(name) !== undefined)
      issues.push({
        path: ['untyped', name],
        message: `"${name}" is typed: give its handler in the typed handlers, where it gets the checked payload.`,
      });
    else if (handler) routes[name] = checkedWebhookRoute(topics.platform, name, topics.envelope, handler, onInvalid);
  }
  if (issues.length > 0) throw new ValidationError(topics.label, issues, { platform: topics.errorPlatform });
  return { [topics.platform]: routes };
}
