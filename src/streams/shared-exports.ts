export type { StreamSource, StreamMessage, PullOptions } from './source.js';
export {
  createStreamConsumer,
  type StreamConsumer,
  type StreamConsumerOptions,
  type StreamPassSummary,
} from './consumer.js';
export { createTrustedSourceVerifier, type TrustedSourceOptions } from './trusted-verifier.js';
