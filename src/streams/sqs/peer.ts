import type * as SQS from '@aws-sdk/client-sqs';
import { loadPeer } from '../../peers/load-peer.js';

/**
 * The `@aws-sdk/client-sqs` module. Loaded when `marketbridge/streams/sqs` is imported, so that
 * a missing install fails at once, naming the command that fixes it.
 *
 * @example
 * ```ts
 * const client = new sqs.SQSClient({ region: 'eu-west-1' });
 * ```
 */
export const sqs: typeof SQS = loadPeer<typeof SQS>('@aws-sdk/client-sqs', 'marketbridge/streams/sqs', '^3');
