import { EventStoreError, WrongExpectedVersionError } from '@app/event-store';
import type { MetricsRecorder } from './metrics-recorder';

/** What a command's write plan holds that the metrics read (libs/application's WritePlan fits). */
export interface CountedPlan {
  readonly append?: { readonly streamId: string; readonly events: readonly unknown[] };
}

/**
 * The application's EventWriter (or anything with `write(plan)`), with every plan's append
 * counted once it committed, and refusals counted by kind: a wrong expected version is a
 * conflict, any other event-store error a failure. Errors of the command itself (idempotency,
 * rules) are not the store's and are not counted here. Typed structurally so the platform does
 * not depend on the application.
 */
export function instrumentEventWriter<W extends { write(plan: never): Promise<unknown> }>(
  writer: W,
  recorder: MetricsRecorder,
): W {
  const write = async (plan: CountedPlan): Promise<unknown> => {
    try {
      const result = await writer.write(plan as never);
      const { append } = plan;
      if (append) recorder.appended(append.streamId, append.events.length);
      return result;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) recorder.conflict(error.streamId);
      else if (error instanceof EventStoreError) {
        recorder.appendFailed(plan.append?.streamId ?? 'unknown');
      }
      throw error;
    }
  };
  return new Proxy(writer, {
    get: (target, property, receiver): unknown =>
      property === 'write' ? write : Reflect.get(target, property, receiver),
  });
}
