import type {
  HeaderObject,
  ReferenceObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The response headers the API sends, by name, as the document declares them. */
export const RESPONSE_HEADERS = {
  ETag: {
    description: 'The session\'s stream version, quoted ("3"): send it back as If-Match',
    required: true,
    schema: { type: 'string', pattern: '^"(0|[1-9][0-9]*)"$' },
  },
  Location: {
    description: 'Where the created resource (or the job) is',
    required: true,
    schema: { type: 'string', format: 'uri-reference' },
  },
  Position: {
    description: 'The global position of the deletion record: pass it as minPosition',
    required: true,
    schema: { type: 'string', pattern: '^(0|[1-9][0-9]*)$' },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    required: false,
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  'Idempotent-Replayed': {
    description:
      'true on an answer replayed for a repeated Idempotency-Key with the same body (nothing was written); absent otherwise',
    required: false,
    schema: { type: 'string', enum: ['true'] },
  },
} as const satisfies Record<string, HeaderObject>;

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;

/** References to the document's `components.headers`, one per name. */
export function headersOf(
  names: readonly ResponseHeaderName[],
): Record<string, ReferenceObject> | undefined {
  if (names.length === 0) return undefined;
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}
