function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The notification document inside one message as it was delivered: JSON text, an SQS message
 * (`Body`/`body`), an SNS notification (`Message`) or an EventBridge event (`detail`). Anything
 * else is returned as it is (the document itself, or something a schema will refuse).
 *
 * @example
 * ```ts
 * unwrapAmazonNotification({ 'detail-type': 'ORDER_CHANGE', detail: document }); // document
 * ```
 *
 * @category Webhooks and notifications
 */
export function unwrapAmazonNotification(message: unknown): unknown {
  for (let depth = 0; depth < 4; depth++) {
    if (typeof message === 'string') {
      message = parsedJson(message);
      continue;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return message;
    const record = message as Record<string, unknown>;
    if (typeof record.body === 'string') message = record.body;
    else if (typeof record.Body === 'string') message = record.Body;
    else if (typeof record.Message === 'string' && record.Type === 'Notification') message = record.Message;
    else if (record.detail && typeof record.detail === 'object' && typeof record['detail-type'] === 'string')
      return record.detail;
    else return message;
  }
  return message;
}
