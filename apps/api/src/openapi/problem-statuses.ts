/**
 * What each error status means across the API (docs/product.md's order of refusals: 401, 403, 400,
 * 404/410, 412, 409, 422); an operation may say it more precisely.
 */
export const PROBLEM_STATUSES = {
  400: 'The request is malformed whatever the state: every bad field is named in `errors`',
  401: 'No bearer token, or a bad, expired or malformed one',
  403: 'The role, or the identity, may not do this',
  404: 'Not found',
  409: 'The state or a concurrent request is in the way',
  410: 'Gone: the session was deleted',
  412: 'If-Match is not the current version',
  413: 'The body is larger than 64 KiB',
  415: 'The body is not application/json in UTF-8',
  422: 'Well formed, but a rule refuses it',
  503: 'Unavailable: Retry-After says when to retry',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_STATUSES;
