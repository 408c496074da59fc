/** The prom-client Registry every metric of the process registers in. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
