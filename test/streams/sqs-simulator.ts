/**
 * An SQS queue behind msw, speaking the AWS JSON 1.0 protocol the SDK uses, and enforcing the
 * documented rules on its own: at most 10 messages per receive and per delete batch, distinct
 * batch entry ids, receipt handles valid only for the receive that issued them, and messages
 * hidden for the visibility timeout, then visible again unless deleted.
 */
import { createHash } from 'node:crypto';
import { http, HttpResponse } from 'msw';

export const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/sp-api-notifications';

interface Stored {
  id: string;
  body: string;
  visibleAt: number;
  receipt?: string;
  receives: number;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

export function sqsSimulator(options: { visibilityTimeoutSeconds?: number } = {}) {
  let now = 0;
  let counter = 0;
  const messages: Stored[] = [];
  const calls: { action: string; body: Record<string, unknown> }[] = [];
  const fault = (status: number, type: string, message: string) =>
    HttpResponse.json(
      { __type: `com.amazonaws.sqs#${type}`, message },
      { status, headers: { 'x-amzn-query-error': `AWS.SimpleQueueService.${type};Sender` } },
    );

  const handler = http.post('https://sqs.eu-west-1.amazonaws.com/', async ({ request }) => {
    const target = request.headers.get('x-amz-target') ?? '';
    if (!request.headers.get('authorization')?.startsWith('AWS4-HMAC-SHA256'))
      return fault(403, 'MissingAuthenticationToken', 'Request is missing a signature.');
    const body = (await request.json()) as Record<string, unknown>;
    const action = target.replace('AmazonSQS.', '');
    calls.push({ action, body });
    if (body.QueueUrl !== QUEUE_URL) return fault(400, 'QueueDoesNotExist', 'The specified queue does not exist.');
    switch (action) {
      case 'ReceiveMessage': {
        const max = (body.MaxNumberOfMessages as number | undefined) ?? 1;
        if (!Number.isInteger(max) || max < 1 || max > 10)
          return fault(
            400,
            'InvalidParameterValue',
            'Value for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10.',
          );
        const wait = (body.WaitTimeSeconds as number | undefined) ?? 0;
        if (wait < 0 || wait > 20)
          return fault(
            400,
            'InvalidParameterValue',
            'Value for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20.',
          );
        const visibility = (body.VisibilityTimeout as number | undefined) ?? options.visibilityTimeoutSeconds ?? 30;
        const out = messages.filter((message) => message.visibleAt <= now).slice(0, max);
        for (const message of out) {
          message.receipt = `rh-${message.id}-${++counter}`;
          message.visibleAt = now + visibility * 1_000;
          message.receives++;
        }
        return HttpResponse.json({
          Messages: out.map((message) => ({
            MessageId: message.id,
            ReceiptHandle: message.receipt,
            MD5OfBody: md5(message.body),
            Body: message.body,
          })),
        });
      }
      case 'DeleteMessageBatch': {
        const entries = (body.Entries as { Id: string; ReceiptHandle: string }[] | undefined) ?? [];
        if (entries.length === 0)
          return fault(
            400,
            'EmptyBatchRequest',
            'There should be at least one DeleteMessageBatchRequestEntry in the request.',
          );
        if (entries.length > 10)
          return fault(400, 'TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10.');
        if (new Set(entries.map((entry) => entry.Id)).size !== entries.length)
          return fault(400, 'BatchEntryIdsNotDistinct', 'Id values must be distinct.');
        const Successful: { Id: string }[] = [];
        const Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
        for (const entry of entries) {
          const index = messages.findIndex((message) => message.receipt === entry.ReceiptHandle);
          if (index < 0)
            Failed.push({
              Id: entry.Id,
              SenderFault: true,
              Code: 'ReceiptHandleIsInvalid',
              Message: 'The receipt handle is not valid.',
            });
          else {
            messages.splice(index, 1);
            Successful.push({ Id: entry.Id });
          }
        }
        return HttpResponse.json({ Successful, Failed });
      }
      case 'GetQueueAttributes':
        return HttpResponse.json({
          Attributes: {
            ApproximateNumberOfMessages: String(messages.filter((message) => message.visibleAt <= now).length),
            ApproximateNumberOfMessagesNotVisible: String(messages.filter((message) => message.visibleAt > now).length),
          },
        });
      default:
        return fault(400, 'InvalidAction', `The action ${action} is not valid for this endpoint.`);
    }
  });

  return {
    handler,
    calls,
    send(body: string) {
      messages.push({ id: `msg-${++counter}`, body, visibleAt: now, receives: 0 });
    },
    advance(ms: number) {
      now += ms;
    },
    get size() {
      return messages.length;
    },
  };
}
