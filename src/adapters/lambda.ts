/**
 * AWS Lambda adapter for marketbridge webhooks behind API Gateway (REST API v1 and HTTP API
 * v2 payloads) or a Lambda function URL, including base64-encoded bodies.
 *
 * @example
 * ```ts
 * import { createLambdaWebhookHandler } from 'marketbridge/adapters/lambda';
 * export const handler = createLambdaWebhookHandler(processor);
 * ```
 *
 * @module marketbridge/adapters/lambda
 */
import { fromBase64, utf8 } from '../core/bytes.js';
import {
  handleWebhook,
  webhookErrorResponse,
  type WebhookAdapterOptions,
  type WebhookHttpResponse,
} from '../webhooks/http.js';
import type { WebhookProcessor } from '../webhooks/processor/processor.js';

/**
 * The parts of an API Gateway REST API (payload v1.0) event the adapter reads.
 *
 * @category Runtime adapters
 */
export interface ApiGatewayV1Event {
  /** HTTP method. */
  httpMethod: string;
  /** Request path. */
  path: string;
  /** Last value of each header. */
  headers?: Record<string, string | undefined> | null;
  /** Every value of each header. */
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  /** The body, base64 when `isBase64Encoded`. */
  body: string | null;
  /** Whether `body` is base64. */
  isBase64Encoded: boolean;
}

/**
 * The parts of an API Gateway HTTP API (payload v2.0) or function URL event the adapter reads.
 *
 * @category Runtime adapters
 */
export interface ApiGatewayV2Event {
  /** `2.0`. */
  version: '2.0';
  /** Request path. */
  rawPath: string;
  /** Headers (repeated ones joined with commas by API Gateway). */
  headers?: Record<string, string | undefined>;
  /** The body, base64 when `isBase64Encoded`. */
  body?: string;
  /** Whether `body` is base64. */
  isBase64Encoded: boolean;
  /** Request context. */
  requestContext: { http: { method: string } };
}

/**
 * The response shape both payload versions accept.
 *
 * @category Runtime adapters
 */
export interface ApiGatewayResult {
  /** HTTP status. */
  statusCode: number;
  /** Response headers. */
  headers: Record<string, string>;
  /** Response body. */
  body: string;
  /** Always false. */
  isBase64Encoded: false;
}

function isV2(event: ApiGatewayV1Event | ApiGatewayV2Event): event is ApiGatewayV2Event {
  return (event as ApiGatewayV2Event).version === '2.0';
}

async function answer(
  processor: WebhookProcessor,
  event: ApiGatewayV1Event | ApiGatewayV2Event,
  options: WebhookAdapterOptions,
): Promise<WebhookHttpResponse> {
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? fromBase64(raw) : utf8(raw);
  if (!body)
    return { status: 400, headers: { 'content-type': 'application/json' }, body: '{"status":"malformed_base64_body"}' };
  let headers: Record<string, string | readonly string[] | undefined>;
  let method: string;
  let path: string;
  if (isV2(event)) {
    headers = event.headers ?? {};
    method = event.requestContext.http.method;
    path = event.rawPath;
  } else {
    headers = event.multiValueHeaders ?? event.headers ?? {};
    method = event.httpMethod;
    path = event.path;
  }
  return handleWebhook(processor, { headers, body, method, url: `https://lambda.invalid${path}` }, options);
}

/**
 * Creates a Lambda handler for API Gateway v1 or v2 events. A base64 body is decoded to its
 * exact bytes before verification. It never throws: a path with malformed percent-encoding gets
 * 400, and anything the processor or the store throws gets 500 (503 when retryable), reported
 * to `onError`, so the platform redelivers instead of Lambda reporting a function error.
 *
 * @example
 * ```ts
 * export const handler = createLambdaWebhookHandler(processor, { platform: 'shopify' });
 * ```
 *
 * @category Runtime adapters
 */
export function createLambdaWebhookHandler(
  processor: WebhookProcessor,
  options: WebhookAdapterOptions = {},
): (event: ApiGatewayV1Event | ApiGatewayV2Event) => Promise<ApiGatewayResult> {
  return async (event) => {
    let result: WebhookHttpResponse;
    try {
      result = await answer(processor, event, options);
    } catch (error) {
      // An event without the fields API Gateway always sends.
      result = webhookErrorResponse(error, options);
    }
    return { statusCode: result.status, headers: result.headers, body: result.body, isBase64Encoded: false };
  };
}
