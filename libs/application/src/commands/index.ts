export * from './handling';
export * from './schedule-session/schedule-session.command';
export * from './schedule-session/schedule-session.handler';
export * from './cancel-session/cancel-session.command';
export * from './cancel-session/cancel-session.handler';
export * from './delete-session/delete-session.command';
export * from './delete-session/delete-session.handler';
export * from './configure-payment-methods/configure-payment-methods.command';
export * from './configure-payment-methods/configure-payment-methods.handler';

import { CancelSessionHandler } from './cancel-session/cancel-session.handler';
import { ConfigurePaymentMethodsHandler } from './configure-payment-methods/configure-payment-methods.handler';
import { DeleteSessionHandler } from './delete-session/delete-session.handler';
import { ScheduleSessionHandler } from './schedule-session/schedule-session.handler';

export const COMMAND_HANDLERS = [
  ScheduleSessionHandler,
  CancelSessionHandler,
  DeleteSessionHandler,
  ConfigurePaymentMethodsHandler,
];
