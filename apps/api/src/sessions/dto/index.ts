export * from './cancel-session.dto';
export * from './charge.dto';
export * from './fee.dto';
export * from './payment.dto';
export * from './query.dto';
export * from './schedule-session.dto';
