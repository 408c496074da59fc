import type { ProjectionDefinition } from '@app/read-models';

/**
 * Per projection: the size of its last batch, events handed to it and failures, which the
 * runner's status does not carry. Fed by wrapping each definition's `apply` (the runner hands it
 * one batch per transaction) and by the runtime's onError.
 */
export class ProjectionCounters {
  private readonly lastBatch = new Map<string, number>();
  private readonly events = new Map<string, number>();
  private readonly errors = new Map<string, number>();

  /** The same projection, counting each batch once its statements ran. */
  instrument(definition: ProjectionDefinition): ProjectionDefinition {
    return {
      ...definition,
      apply: async (tx, events, names) => {
        await definition.apply(tx, events, names);
        this.lastBatch.set(definition.name, events.length);
        this.events.set(definition.name, (this.events.get(definition.name) ?? 0) + events.length);
      },
    };
  }

  failed(projection: string): void {
    this.errors.set(projection, (this.errors.get(projection) ?? 0) + 1);
  }

  of(projection: string): { lastBatchEvents?: number; eventsTotal: number; errorsTotal: number } {
    const lastBatchEvents = this.lastBatch.get(projection);
    return {
      ...(lastBatchEvents === undefined ? {} : { lastBatchEvents }),
      eventsTotal: this.events.get(projection) ?? 0,
      errorsTotal: this.errors.get(projection) ?? 0,
    };
  }
}
