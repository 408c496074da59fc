import type { ServerResponse } from 'node:http';

/**
 * Calls `then` once, when the answer has been handed over ('finish'), or when the connection
 * closed before that (`aborted`: the client went away). For what is recorded per request once its
 * status is final: the request line, the request metrics.
 */
export function whenAnswered(
  response: ServerResponse,
  then: (outcome: { readonly aborted: boolean }) => void,
): void {
  const settle = (aborted: boolean) => (): void => {
    response.off('finish', finished);
    response.off('close', closed);
    then({ aborted });
  };
  const finished = settle(false);
  const closed = settle(true);
  response.on('finish', finished);
  response.on('close', closed);
}
