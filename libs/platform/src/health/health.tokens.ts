/** The ReadinessCheck[] that /health/ready runs. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
