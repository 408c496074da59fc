import { Test } from '@nestjs/testing';
import { CLOCK, type Clock } from './clock';
import { ClockModule } from './clock.module';
import { FixedClock, ManualClock } from './manual-clock';
import { SystemClock } from './system-clock';

describe('clocks', () => {
  it('SystemClock reads the current time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('ManualClock stands still, moves when told, and cannot be moved through its Date', () => {
    const clock = new ManualClock('2026-03-01T10:00:00Z');
    clock.now().setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-03-01T10:00:00.000Z');
    clock.advanceBy(90_000);
    expect(clock.now().toISOString()).toBe('2026-03-01T10:01:30.000Z');
    clock.set('2026-03-02T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('ClockModule provides the system clock by default, or the given one', async () => {
    const byDefault = await Test.createTestingModule({
      imports: [ClockModule.forRoot()],
    }).compile();
    expect(byDefault.get<Clock>(CLOCK)).toBeInstanceOf(SystemClock);
    const fixed = new FixedClock('2026-01-01T00:00:00Z');
    const pinned = await Test.createTestingModule({
      imports: [ClockModule.forRoot(fixed)],
    }).compile();
    expect(pinned.get<Clock>(CLOCK).now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
