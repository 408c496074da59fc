import { comparePositions } from '@app/event-store';
import { canonicalJson } from '../chain/canonical-json';
import { toLogSealed } from '../seal/log-sealed';
import type {
  Evidence,
  ProvenLeaf,
  RemovedEntry,
  StoredEvent,
  StoredSeal,
} from '../verify/evidence';

export const EXPORT_FORMAT = 'audit-export';
export const EXPORT_FORMAT_VERSION = 1;

/** A file that is not an audit export, or was changed so that it no longer parses as one. */
export class ExportFormatError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'ExportFormatError';
  }
}

/**
 * The export (docs/audit.md, "Export"): JSON Lines, each line the RFC 8785 text of one record —
 * a header, the events as stored (chain fields in their metadata), the seals (the covering ones,
 * the one before each, and the newest), and one inclusion proof per sealed leaf. The deletion
 * records are events like any other: the verifier reads the removals from them.
 */
export function exportLines(sessionId: string, evidence: Evidence): string[] {
  return [
    canonicalJson({
      kind: 'header',
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      sessionId,
      streams: evidence.streams.map((stream) => stream.streamId),
    }),
    ...evidence.streams.flatMap((stream) =>
      stream.events.map((event) => canonicalJson({ kind: 'event', ...event })),
    ),
    ...[...evidence.seals]
      .sort((a, b) => a.seal.sealNumber - b.seal.sealNumber)
      .map((stored) => canonicalJson({ kind: 'seal', ...stored.seal })),
    ...evidence.leaves.map((proven) =>
      canonicalJson({
        kind: 'proof',
        sealNumber: proven.sealNumber,
        leafIndex: proven.leafIndex,
        leaf: proven.leaf,
        proof: proven.proof,
      }),
    ),
  ];
}

function removedOf(event: StoredEvent): RemovedEntry[] {
  const list = (event.data as { removedEvents?: unknown }).removedEvents;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    const entry = item as Partial<RemovedEntry>;
    return typeof entry.position === 'string' && typeof entry.version === 'number'
      ? [{ position: entry.position, version: entry.version, hash: entry.hash ?? null }]
      : [];
  });
}

type Line = Record<string, unknown>;

function parseLine(text: string, number: number): Line {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportFormatError(number, 'not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ExportFormatError(number, 'not a JSON object');
  }
  // Canonical lines only: a byte that changes nothing JSON sees still fails the file.
  if (canonicalJson(value) !== text) throw new ExportFormatError(number, 'not in RFC 8785 form');
  return value as Line;
}

function storedEventOf(line: Line, number: number): StoredEvent {
  const { kind: _kind, ...event } = line;
  const e = event as Partial<StoredEvent>;
  const ok =
    typeof e.streamId === 'string' &&
    typeof e.version === 'number' &&
    typeof e.position === 'string' &&
    typeof e.eventId === 'string' &&
    typeof e.type === 'string' &&
    typeof e.schemaVersion === 'number' &&
    typeof e.data === 'object' &&
    typeof e.metadata === 'object';
  if (!ok || Object.keys(event).length !== 8) throw new ExportFormatError(number, 'not an event');
  return e as StoredEvent;
}

function provenOf(line: Line, number: number): ProvenLeaf {
  const leaf = line.leaf as Partial<ProvenLeaf['leaf']> | undefined;
  const ok =
    typeof line.sealNumber === 'number' &&
    typeof line.leafIndex === 'number' &&
    Array.isArray(line.proof) &&
    line.proof.every((hash) => typeof hash === 'string') &&
    leaf !== undefined &&
    typeof leaf.position === 'string' &&
    typeof leaf.streamId === 'string' &&
    typeof leaf.version === 'number' &&
    typeof leaf.hash === 'string';
  if (!ok || Object.keys(line).length !== 5) throw new ExportFormatError(number, 'not a proof');
  return line as unknown as ProvenLeaf;
}

/**
 * Reads an export back into the evidence a verification needs, with the auditor's public key:
 * nothing else is consulted. Throws ExportFormatError for a file that is not one.
 */
export function evidenceFromExport(text: string, publicKeyPem: string): Evidence {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = parseLine(lines[0] ?? '', 1);
  if (
    header.kind !== 'header' ||
    header.format !== EXPORT_FORMAT ||
    header.formatVersion !== EXPORT_FORMAT_VERSION ||
    typeof header.sessionId !== 'string' ||
    !Array.isArray(header.streams) ||
    Object.keys(header).length !== 5
  ) {
    throw new ExportFormatError(1, 'not an audit export header');
  }
  const streamIds = header.streams.filter((id): id is string => typeof id === 'string');
  const expected = [`session-${header.sessionId}`, `session-deletion-${header.sessionId}`];
  if (canonicalJson(streamIds) !== canonicalJson(expected)) {
    throw new ExportFormatError(1, 'the header names other streams than its session');
  }
  const events = new Map<string, StoredEvent[]>(streamIds.map((id) => [id, []]));
  const seals: StoredSeal[] = [];
  const leaves: ProvenLeaf[] = [];
  lines.slice(1).forEach((text, index) => {
    const number = index + 2;
    const line = parseLine(text, number);
    if (line.kind === 'event') {
      const event = storedEventOf(line, number);
      const list = events.get(event.streamId);
      if (list === undefined) throw new ExportFormatError(number, 'an event of another stream');
      list.push(event);
    } else if (line.kind === 'seal') {
      const { kind: _kind, ...data } = line;
      const seal = toLogSealed(data);
      if (seal === undefined || Object.keys(data).length !== 8) {
        throw new ExportFormatError(number, 'not a seal');
      }
      seals.push({ seal });
    } else if (line.kind === 'proof') {
      leaves.push(provenOf(line, number));
    } else {
      throw new ExportFormatError(number, 'an unknown kind of line');
    }
  });
  const removals = new Map<string, RemovedEntry[]>();
  for (const event of events.get(expected[1]) ?? []) {
    if (event.type === 'SessionDeleted') removals.set(expected[0], removedOf(event));
  }
  const newest = seals.reduce<StoredSeal | undefined>(
    (best, stored) =>
      best === undefined || comparePositions(stored.seal.toPosition, best.seal.toPosition) > 0
        ? stored
        : best,
    undefined,
  );
  return {
    streams: streamIds.map((streamId) => ({
      streamId,
      events: removals.size > 0 && streamId === expected[0] ? [] : (events.get(streamId) ?? []),
    })),
    leaves,
    seals,
    ...(newest ? { sealedUpTo: newest.seal.toPosition } : {}),
    removals,
    publicKeyPem,
  };
}
