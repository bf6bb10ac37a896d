import { describe, expect, it } from 'vitest';
import {
  createLambdaWebhookHandler,
  type ApiGatewayV1Event,
  type ApiGatewayV2Event,
} from '../../src/adapters/lambda.js';
import { signShopifyTestRequest } from '../../src/testing/webhooks/index.js';
import { processorWithLog, SECRET } from './shared.js';

const BODY = '{"id":820982911946154508,"note":"déjà vu"}';

// Shapes follow the sample events API Gateway delivers (REST API payload 1.0, HTTP API payload 2.0).
function v1Event(
  headers: Record<string, string>,
  body: string,
  base64: boolean,
): ApiGatewayV1Event & Record<string, unknown> {
  return {
    resource: '/webhooks/{platform}',
    path: '/webhooks/shopify',
    httpMethod: 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { platform: 'shopify' },
    stageVariables: null,
    requestContext: {
      resourcePath: '/webhooks/{platform}',
      httpMethod: 'POST',
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    },
    body: base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: base64,
  };
}

function v2Event(
  headers: Record<string, string>,
  body: string,
  base64: boolean,
): ApiGatewayV2Event & Record<string, unknown> {
  const event = {
    version: '2.0' as const,
    routeKey: 'POST /webhooks/{platform}',
    rawPath: '/webhooks/shopify',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api-id',
      domainName: 'id.execute-api.us-east-1.amazonaws.com',
      http: {
        method: 'POST',
        path: '/webhooks/shopify',
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1',
        userAgent: 'Shopify-Captain-Hook',
      },
      requestId: 'id',
      routeKey: 'POST /webhooks/{platform}',
      stage: '$default',
      time: '12/Mar/2020:19:03:58 +0000',
      timeEpoch: 1583348638390,
    },
    pathParameters: { platform: 'shopify' },
    body: base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: base64,
  };
  return event;
}

describe('AWS Lambda adapter', () => {
  it.each([
    ['v1', false],
    ['v1', true],
    ['v2', false],
    ['v2', true],
  ] as const)('API Gateway %s event (base64 body: %s) is verified on its exact bytes', async (version, base64) => {
    const { processor, calls } = processorWithLog();
    const handler = createLambdaWebhookHandler(processor);
    const signed = await signShopifyTestRequest({ secret: SECRET, body: BODY, eventId: `e-${version}-${base64}` });
    const titleCased = Object.fromEntries(
      Object.entries(signed.headers).map(([k, v]) => [k.replace(/(^|-)([a-z])/g, (m) => m.toUpperCase()), v]),
    );
    const event = version === 'v1' ? v1Event(titleCased, BODY, base64) : v2Event(signed.headers, BODY, base64);
    const result = await handler(event);
    expect(result).toMatchObject({ statusCode: 200, isBase64Encoded: false });
    expect(calls[0]!.payload).toMatchObject({ note: 'déjà vu' });
    const forged = await handler(
      version === 'v1'
        ? v1Event(titleCased, BODY.replace('vu', 'VU'), base64)
        : v2Event(signed.headers, `${BODY} `, base64),
    );
    expect(forged.statusCode).toBe(401);
  });

  it('answers 400 for a body flagged base64 that is not', async () => {
    const { processor } = processorWithLog();
    const result = await createLambdaWebhookHandler(processor)({
      ...v2Event({}, '{}', false),
      body: '{not base64',
      isBase64Encoded: true,
    });
    expect(result.statusCode).toBe(400);
  });
});
