/** How a request ended, coarser than its status so dashboards can alert on `failed` alone. */
export type Outcome = 'ok' | 'rejected' | 'failed';

/** 2xx/3xx: ok; 4xx: refused by the rules or the input (the caller's side); 5xx: ours. */
export function outcomeOf(status: number): Outcome {
  if (status >= 500) return 'failed';
  if (status >= 400) return 'rejected';
  return 'ok';
}
