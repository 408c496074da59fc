import type { RecordedEvent } from '@app/event-store';
import type { Api } from './api-harness';

/** The events of one stream still readable in the log (deleted streams leave none). */
export async function eventsOfStream(api: Api, streamId: string): Promise<RecordedEvent[]> {
  return (await api.allEvents()).filter((event) => event.streamId === streamId);
}

export async function countOfType(api: Api, streamId: string, type: string): Promise<number> {
  return (await eventsOfStream(api, streamId)).filter((event) => event.type === type).length;
}
