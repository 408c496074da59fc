import type { EventStore, JsonObject } from '@app/event-store';
import { createUpcasterRegistry, withUpcasting } from '@app/event-store/upcasting';

export type Mend = (data: JsonObject) => JsonObject;

/**
 * The store read through upcasters that do nothing until `mend` is given a fix for a type: then
 * its stored events are read mended, as shipping an upcaster that repairs bad data does. For
 * tests of a retry once the cause of a set-aside session is removed.
 */
export function mendableStore(store: EventStore): {
  readonly store: EventStore;
  mend(type: 'SessionScheduled' | 'SessionCancelled', fix: Mend): void;
} {
  const fixes = new Map<string, Mend>();
  const step = (eventType: string) => ({
    eventType,
    fromVersion: 1,
    toVersion: 2,
    upcast: (data: JsonObject) => ({
      ok: true as const,
      data: fixes.get(eventType)?.(data) ?? data,
    }),
  });
  const registry = createUpcasterRegistry([step('SessionScheduled'), step('SessionCancelled')]);
  return {
    store: withUpcasting(store, registry),
    mend: (type, fix) => fixes.set(type, fix),
  };
}
