import { closedObject, component, orNull } from '../json-schema';
import { COUNT, INSTANT, POSITION, TEXT, TEXTS } from './scalars';

const PROGRESS = closedObject(
  {
    eventsDone: COUNT,
    position: POSITION.ref,
    headPosition: POSITION.ref,
    eventsPerSecond: { type: 'number', minimum: 0 },
    secondsLeft: { type: 'number', minimum: 0 },
  },
  ['eventsDone', 'eventsPerSecond'],
);

const OUTCOME = closedObject(
  {
    eventsDone: COUNT,
    position: POSITION.ref,
    generation: COUNT,
    seconds: { type: 'number', minimum: 0 },
    setAside: { ...TEXTS, description: 'Sessions the new generation set aside' },
  },
  ['eventsDone', 'generation', 'seconds', 'setAside'],
);

/** A rebuild started over HTTP, running in the background of the answering process. */
export const REBUILD_JOB = component(
  'RebuildJob',
  closedObject(
    {
      jobId: TEXT,
      projection: TEXT,
      state: { type: 'string', enum: ['running', 'succeeded', 'failed'] },
      startedAt: INSTANT,
      finishedAt: INSTANT,
      progress: PROGRESS,
      result: OUTCOME,
      error: TEXT,
      progressUrl: { type: 'string', description: 'Where its progress is (202 only)' },
    },
    ['jobId', 'projection', 'state', 'startedAt'],
  ),
);

/** What became of each set-aside session a retry asked for. */
export const RETRY_REPORT = component(
  'RetryReport',
  closedObject(
    {
      consumer: TEXT,
      requested: TEXTS,
      cleared: { ...TEXTS, description: 'Applied in order, or dropped as deleted' },
      failed: {
        type: 'array',
        items: closedObject({ sessionId: TEXT, error: orNull(TEXT) }, ['sessionId', 'error']),
      },
      pending: { ...TEXTS, description: 'Not tried yet within the wait: tried later' },
    },
    ['consumer', 'requested', 'cleared', 'failed', 'pending'],
  ),
);
