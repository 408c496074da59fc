import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { whenAnswered } from './when-answered';

describe('whenAnswered', () => {
  const outcomesOf = (events: readonly string[]): boolean[] => {
    const response = new EventEmitter();
    const outcomes: boolean[] = [];
    whenAnswered(response as unknown as ServerResponse, ({ aborted }) => outcomes.push(aborted));
    for (const event of events) response.emit(event);
    expect(response.listenerCount('finish') + response.listenerCount('close')).toBe(0);
    return outcomes;
  };

  it('calls once when the answer is handed over, whatever closes after it', () => {
    expect(outcomesOf(['finish', 'close'])).toEqual([false]);
  });

  it('calls once, aborted, when the connection closes first', () => {
    expect(outcomesOf(['close', 'finish'])).toEqual([true]);
  });
});
