import type {
  AsOf,
  SessionHistoryAnswer,
  SessionStateAnswer,
} from '@app/application/session-history';
import type { VerificationReport } from '@app/audit';
import type { ConsumerStatus, RetryReport } from '@app/consumers';
import { pause } from '@app/event-store';
import type { OperatorBackend, RebuildDone, RebuildProgressRow } from './backend';

export interface HttpBackendOptions {
  /** e.g. http://127.0.0.1:3000 */
  readonly baseUrl: string;
  /** An admin token for the app. */
  readonly token: string;
  readonly pollMs?: number;
  readonly fetch?: typeof fetch;
}

interface RebuildJob {
  readonly jobId: string;
  readonly state: 'running' | 'succeeded' | 'failed';
  readonly progressUrl?: string;
  readonly progress?: RebuildProgressRow;
  readonly result?: {
    eventsDone: number;
    position?: string;
    seconds: number;
    setAside?: readonly string[];
  };
  readonly error?: string;
}

/**
 * The operator commands through the running app (the embedded store is one PGlite the app owns):
 * session queries on /api/v1/sessions, status and rebuilds on /api/v1/admin, with an admin token.
 */
export function httpBackend(options: HttpBackendOptions): OperatorBackend {
  const doFetch = options.fetch ?? fetch;
  const call = async (method: 'GET' | 'POST', path: string, json?: unknown) => {
    const response = await doFetch(`${options.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: 'application/json',
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const body: unknown = await response.json().catch(() => undefined);
    return { status: response.status, body };
  };
  const failure = (what: string, status: number, body: unknown): Error => {
    const detail = (body as { detail?: unknown } | undefined)?.detail;
    return new Error(
      `${what}: the app answered ${status}${typeof detail === 'string' ? ` (${detail})` : ''}`,
    );
  };
  const session = (id: string) => `/api/v1/sessions/${encodeURIComponent(id)}`;

  return {
    description: `through the running app at ${options.baseUrl} (it holds the embedded store)`,
    async history(sessionId) {
      const { status, body } = await call('GET', `${session(sessionId)}/history`);
      if (status === 200) return body as SessionHistoryAnswer;
      if (status === 404) return { kind: 'not-found', sessionId };
      if (status === 410) {
        const { deletion } = body as {
          deletion: Extract<SessionHistoryAnswer, { kind: 'deleted' }>['deletion'];
        };
        return { kind: 'deleted', sessionId, deletion };
      }
      throw failure('session history', status, body);
    },
    async state(sessionId, asOf: AsOf) {
      const query = 'at' in asOf ? `at=${encodeURIComponent(asOf.at)}` : `version=${asOf.version}`;
      const { status, body } = await call('GET', `${session(sessionId)}/state?${query}`);
      if (status === 200) return body as SessionStateAnswer;
      // The API answers 404 for a deleted session's state too; history tells them apart.
      if (status === 404) return { kind: 'not-found', sessionId };
      throw failure('session state', status, body);
    },
    async status() {
      const { status, body } = await call('GET', '/api/v1/admin/projections');
      if (status !== 200) throw failure('projection status', status, body);
      return (body as { consumers: ConsumerStatus[] }).consumers;
    },
    async projections() {
      const rows = await this.status();
      return rows.filter((row) => row.kind === 'projection').map((row) => row.name);
    },
    async rebuild(name, onProgress): Promise<RebuildDone> {
      const started = await call(
        'POST',
        `/api/v1/admin/projections/${encodeURIComponent(name)}/rebuild`,
      );
      if (started.status !== 202) throw failure(`rebuild of ${name}`, started.status, started.body);
      const job = started.body as RebuildJob;
      const progressUrl = job.progressUrl ?? `/api/v1/admin/rebuilds/${job.jobId}`;
      for (;;) {
        await pause(options.pollMs ?? 500);
        const { status, body } = await call('GET', progressUrl);
        if (status !== 200) throw failure(`rebuild ${job.jobId}`, status, body);
        const current = body as RebuildJob;
        if (current.progress) onProgress(current.progress);
        if (current.state === 'failed')
          throw new Error(`rebuild of ${name} failed: ${current.error ?? 'unknown error'}`);
        if (current.state === 'succeeded' && current.result) {
          return { projection: name, ...current.result, setAside: current.result.setAside ?? [] };
        }
      }
    },
    async retry(name, sessionId): Promise<RetryReport> {
      const { status, body } = await call(
        'POST',
        `/api/v1/admin/projections/${encodeURIComponent(name)}/retry`,
        sessionId === undefined ? {} : { sessionId },
      );
      if (status !== 200) throw failure(`retry of ${name}`, status, body);
      return body as RetryReport;
    },
    async verifySession(sessionId) {
      const { status, body } = await call('GET', `${session(sessionId)}/verification`);
      if (status === 200) return body as VerificationReport;
      if (status === 404) return undefined;
      throw failure('session verification', status, body);
    },
    async verifyLog() {
      const { status, body } = await call('GET', '/api/v1/admin/audit/verification');
      if (status !== 200) throw failure('log verification', status, body);
      return body as VerificationReport;
    },
    async exportSession(sessionId) {
      const response = await doFetch(
        `${options.baseUrl}/api/v1/admin/audit/sessions/${encodeURIComponent(sessionId)}/export`,
        { headers: { authorization: `Bearer ${options.token}` } },
      );
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw failure('session export', response.status, undefined);
      return response.text();
    },
    close: () => Promise.resolve(),
  };
}
