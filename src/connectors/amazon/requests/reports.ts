import { fillPath, type SpApiRequest } from './types.js';

/**
 * `createReport`: asks Amazon to produce a report.
 *
 * @example
 * ```ts
 * createReportRequest({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: ['ATVPDKIKX0DER'] });
 * ```
 *
 * @category Operations
 */
export function createReportRequest(options: {
  reportType: string;
  marketplaceIds: readonly string[];
  dataStartTime?: string;
  dataEndTime?: string;
  reportOptions?: Record<string, string>;
}): SpApiRequest {
  return {
    operation: 'createReport',
    method: 'POST',
    path: '/reports/2021-06-30/reports',
    json: {
      reportType: options.reportType,
      marketplaceIds: [...options.marketplaceIds],
      ...(options.dataStartTime ? { dataStartTime: options.dataStartTime } : {}),
      ...(options.dataEndTime ? { dataEndTime: options.dataEndTime } : {}),
      ...(options.reportOptions ? { reportOptions: options.reportOptions } : {}),
    },
  };
}

/**
 * `getReport`: a report's processing status.
 *
 * @example
 * ```ts
 * getReportRequest('ID323');
 * ```
 *
 * @category Operations
 */
export function getReportRequest(reportId: string): SpApiRequest {
  return {
    operation: 'getReport',
    method: 'GET',
    path: fillPath('/reports/2021-06-30/reports/{reportId}', { reportId }),
  };
}

/**
 * `cancelReport`: cancels a report that has not started processing.
 *
 * @example
 * ```ts
 * cancelReportRequest('ID323');
 * ```
 *
 * @category Operations
 */
export function cancelReportRequest(reportId: string): SpApiRequest {
  return {
    operation: 'cancelReport',
    method: 'DELETE',
    path: fillPath('/reports/2021-06-30/reports/{reportId}', { reportId }),
  };
}

/**
 * `getReportDocument`: the download URL and compression of a finished report.
 *
 * @example
 * ```ts
 * getReportDocumentRequest('0356cf79-b8b0-4226-b4b9-0ee058ea5760');
 * ```
 *
 * @category Operations
 */
export function getReportDocumentRequest(reportDocumentId: string): SpApiRequest {
  return {
    operation: 'getReportDocument',
    method: 'GET',
    path: fillPath('/reports/2021-06-30/documents/{reportDocumentId}', { reportDocumentId }),
  };
}
