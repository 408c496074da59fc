import { closedObject, component, type JsonSchema } from '../json-schema';
import { COUNT, POSITION, TEXT } from './scalars';

const BROKEN_LINK_REASONS = [
  'data-altered',
  'event-missing',
  'events-reordered',
  'not-covered-by-a-seal',
  'removal-not-accounted-for',
  'bad-signature',
];

const VERSION: JsonSchema = { type: 'integer', minimum: 0 };

const REPORT_PROPERTIES: Record<string, JsonSchema> = {
  outcome: {
    enum: ['verified', 'unchained-prefix', 'not-yet-sealed', ...BROKEN_LINK_REASONS],
    description:
      "The first broken link's reason; else unchained-prefix, not-yet-sealed or verified",
  },
  brokenLinks: {
    type: 'array',
    items: closedObject(
      {
        reason: { enum: BROKEN_LINK_REASONS },
        streamId: TEXT,
        version: VERSION,
        position: POSITION.ref,
        detail: TEXT,
      },
      ['reason', 'streamId', 'detail'],
    ),
  },
  unchainedPrefix: {
    type: 'array',
    items: closedObject({ streamId: TEXT, events: COUNT }, ['streamId', 'events']),
  },
  notYetSealed: {
    type: 'array',
    items: closedObject({ streamId: TEXT, version: VERSION, position: POSITION.ref }, [
      'streamId',
      'version',
      'position',
    ]),
  },
  events: COUNT,
  sealed: COUNT,
  accountedRemovals: COUNT,
};
const REPORT_REQUIRED = Object.keys(REPORT_PROPERTIES);

/** What a verification found (docs/audit.md, "Verification"): over the whole log. */
export const VERIFICATION_REPORT = component(
  'VerificationReport',
  closedObject(REPORT_PROPERTIES, REPORT_REQUIRED),
);

/** The same, for one session. */
export const SESSION_VERIFICATION = component(
  'SessionVerification',
  closedObject({ sessionId: TEXT, ...REPORT_PROPERTIES }, ['sessionId', ...REPORT_REQUIRED]),
);
