import { type DynamicModule, Module } from '@nestjs/common';
import { CLOCK, type Clock } from './clock';
import { SystemClock } from './system-clock';

/** Provides the Clock under CLOCK to the whole application. */
@Module({})
export class ClockModule {
  /** The system clock, or the given one (tests pass a ManualClock). */
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ClockModule,
      global: true,
      providers: [{ provide: CLOCK, useValue: clock }],
      exports: [CLOCK],
    };
  }
}
