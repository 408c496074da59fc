import type { Upcaster } from '../port';
import { clientChargedV1ToV2 } from './client-charged-v1-to-v2';
import { createUpcasterRegistry, type UpcasterRegistry } from './upcaster-registry';

/** Every upcaster the product needs; add new steps here so every store reads the same schemas. */
export function defaultUpcasters(): Upcaster[] {
  return [clientChargedV1ToV2];
}

export function defaultUpcasterRegistry(): UpcasterRegistry {
  return createUpcasterRegistry(defaultUpcasters());
}
