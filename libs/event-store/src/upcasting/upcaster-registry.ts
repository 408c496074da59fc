import type { RecordedEvent, Upcaster, UpcastError } from '../port';

/** Upcasters of every event type, looked up by (type, stored schema version). */
export interface UpcasterRegistry {
  /**
   * The event in its newest known schema, or, when an upcaster in the chain refuses, the event as
   * stored with `upcastError` set. Never throws.
   */
  upcast(event: RecordedEvent): RecordedEvent;
  /** The schema version events of this type end at after upcasting (undefined: no upcasters). */
  latestVersion(eventType: string): number | undefined;
}

const key = (eventType: string, fromVersion: number): string => `${eventType}@${fromVersion}`;

/**
 * Builds a registry from upcasters, each taking one (type, version) one step forward; chains
 * (v1 -> v2 -> v3) follow from them. Inconsistent sets fail here, at start, not on a read.
 */
export function createUpcasterRegistry(upcasters: readonly Upcaster[]): UpcasterRegistry {
  const byStep = new Map<string, Upcaster>();
  const latest = new Map<string, number>();
  for (const upcaster of upcasters) {
    const { eventType, fromVersion, toVersion } = upcaster;
    if (
      !Number.isInteger(fromVersion) ||
      !Number.isInteger(toVersion) ||
      toVersion <= fromVersion
    ) {
      // A step that does not move forward could loop forever on read.
      throw new Error(
        `Upcaster ${eventType} v${fromVersion} -> v${toVersion} must move to a higher version`,
      );
    }
    const stepKey = key(eventType, fromVersion);
    if (byStep.has(stepKey)) {
      throw new Error(`Two upcasters for ${eventType} v${fromVersion}`);
    }
    byStep.set(stepKey, upcaster);
    latest.set(eventType, Math.max(latest.get(eventType) ?? 0, toVersion));
  }

  const refuse = (event: RecordedEvent, error: UpcastError): RecordedEvent => ({
    ...event,
    upcastError: error,
  });

  return {
    latestVersion: (eventType) => latest.get(eventType),
    upcast(event) {
      // An event already refused (or upcast by an inner decorator) is left as it is.
      if (event.upcastError !== undefined) return event;
      let version = event.schemaVersion;
      let data = event.data;
      let step = byStep.get(key(event.type, version));
      if (step === undefined) return event;
      while (step !== undefined) {
        let outcome;
        try {
          // A copy: an upcaster that mutated its input would otherwise alter the stored data we keep.
          outcome = step.upcast(structuredClone(data));
        } catch (error) {
          // Upcasters promise never to throw; a read must not fail if one breaks that promise.
          return refuse(event, {
            code: 'upcaster-failed',
            message: `${event.type} v${version} -> v${step.toVersion} threw: ${(error as Error).message}`,
          });
        }
        if (!outcome.ok) return refuse(event, outcome.error);
        data = outcome.data;
        version = step.toVersion;
        step = byStep.get(key(event.type, version));
      }
      return { ...event, data, schemaVersion: version };
    },
  };
}
