export { createUpcasterRegistry, type UpcasterRegistry } from './upcaster-registry';
export { withUpcasting } from './with-upcasting';
export { defaultUpcasters, defaultUpcasterRegistry } from './default-upcasters';
export { clientChargedV1ToV2 } from './client-charged-v1-to-v2';
export { decimalToMinorUnits, type MinorAmountOutcome } from './decimal-amount';
