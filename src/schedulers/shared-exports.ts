export {
  marketbridgeJobHandlers,
  WEBHOOK_RETRY_JOB,
  TOKEN_REFRESH_JOB,
  ASYNC_JOB_RUN,
  type MarketbridgeJobTargets,
} from './marketbridge-jobs.js';
export type { JobHandler, JobHandlers, JobRun, RepeatingJob, QueueWorker } from './job-handlers.js';
export { JobBusyError } from './job-busy-error.js';
export { SYNC_CONTINUE_JOB, SYNC_RUN_JOB } from '../sync/inventory/engine.js';
