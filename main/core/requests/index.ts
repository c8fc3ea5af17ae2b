export { curlBody, MAX_UPLOAD_BYTES } from './curl-body';
export {
  BODY_LIMIT,
  cutUtf8,
  HISTORY_LIMIT,
  newRequestItemId,
  REQUEST_RECORD_PREFIX,
  RequestRecords,
  RequestsEntry,
  requestRecordId,
  SAVED_LIMIT,
} from './request-records';
export { assertResolved, resolveRequestUrl } from './resolve-url';
export { type ResponseViewData, toResponseView, VIEW_BODY_LIMIT } from './response-view';
