import { segment, type BolRequest } from './types.js';

/**
 * The most process status ids `POST /shared/process-status` takes at once.
 *
 * @example
 * ```ts
 * for (let i = 0; i < ids.length; i += BOL_BULK_PROCESS_STATUS_MAX) send(bulkProcessStatusRequest(ids.slice(i, i + BOL_BULK_PROCESS_STATUS_MAX)));
 * ```
 */
export const BOL_BULK_PROCESS_STATUS_MAX = 1000;

/**
 * `GET /shared/process-status/{process-status-id}`.
 *
 * @example
 * ```ts
 * const status = await client.send(getProcessStatusRequest('1234567'));
 * ```
 */
export function getProcessStatusRequest(processStatusId: string): BolRequest {
  return {
    operation: 'getProcessStatus',
    method: 'GET',
    api: 'shared',
    path: `/process-status/${segment(processStatusId)}`,
  };
}

/**
 * `POST /shared/process-status`: the statuses of up to 1,000 ids at once.
 *
 * @example
 * ```ts
 * const { processStatuses } = (await client.send(bulkProcessStatusRequest(['1', '2']))).data;
 * ```
 */
export function bulkProcessStatusRequest(processStatusIds: readonly string[]): BolRequest {
  return {
    operation: 'getProcessStatusBulk',
    method: 'POST',
    api: 'shared',
    path: '/process-status',
    json: { processStatusQueries: processStatusIds.map((processStatusId) => ({ processStatusId })) },
  };
}

/**
 * `GET /shared/process-status?entity-id=&event-type=`: the statuses of one entity (an offer,
 * an order item, ...) for one event type, newest first, 50 a page. The connector reads back
 * writes whose answer was lost with it.
 *
 * @example
 * ```ts
 * await client.send(processStatusByEntityRequest('2012345678', 'CREATE_SHIPMENT'));
 * ```
 */
export function processStatusByEntityRequest(entityId: string, eventType: string, page = 1): BolRequest {
  return {
    operation: 'getProcessStatusByEntity',
    method: 'GET',
    api: 'shared',
    path: '/process-status',
    query: { 'entity-id': entityId, 'event-type': eventType, page },
  };
}
