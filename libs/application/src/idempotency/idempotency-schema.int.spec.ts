import { PgliteDatabase } from '@app/event-store/embedded';
import { migrateIdempotency } from './idempotency-schema';

jest.setTimeout(60_000);

describe('the idempotency records schema', () => {
  let db: PgliteDatabase;
  beforeAll(async () => {
    db = await PgliteDatabase.open();
  });
  afterAll(() => db.close());

  it('is created once and recorded in its ledger; running it again changes nothing', async () => {
    await migrateIdempotency(db, 'idem_fresh');
    await migrateIdempotency(db, 'idem_fresh');
    const ledger = await db.query<{ version: number }>(
      'SELECT version FROM idem_fresh.idempotency_migrations',
    );
    expect(ledger.map((row) => Number(row.version)).sort()).toEqual([1, 2]);
  });

  it('adopts the table of a deployment from before the ledger, rows and all', async () => {
    await db.query('CREATE SCHEMA idem_old');
    await db.query(`CREATE TABLE idem_old.idempotency_records (
      caller text NOT NULL, method text NOT NULL, path text NOT NULL,
      idempotency_key text NOT NULL, request_hash text NOT NULL, claim_token text NOT NULL,
      state text NOT NULL CHECK (state IN ('in-flight', 'completed')),
      lease_until timestamptz NOT NULL, session_id text, status integer, headers text,
      body text, created_at timestamptz NOT NULL, completed_at timestamptz,
      PRIMARY KEY (caller, method, path, idempotency_key))`);
    await db.query(
      `INSERT INTO idem_old.idempotency_records
         (caller, method, path, idempotency_key, request_hash, claim_token, state, lease_until, created_at)
       VALUES ('pro-1', 'POST', '/x', 'k', 'h', 't', 'in-flight', now(), now())`,
    );
    await db.query(
      `INSERT INTO idem_old.idempotency_records
         (caller, method, path, idempotency_key, request_hash, claim_token, state, lease_until,
          status, headers, body, created_at, completed_at)
       VALUES ('pro-1', 'POST', '/x', 'done', 'h', 't', 'completed', now(),
               200, '{"position":"7"}', '{"version":1}', now(), now())`,
    );
    await migrateIdempotency(db, 'idem_old');
    const rows = await db.query<{ idempotency_key: string; outcome: string | null }>(
      'SELECT idempotency_key, outcome FROM idem_old.idempotency_records ORDER BY idempotency_key',
    );
    // A completed answer from before outcomes is kept whole, to be replayed as it was sent.
    expect(
      rows.map((row): [string, unknown] => [
        row.idempotency_key,
        row.outcome === null ? null : (JSON.parse(row.outcome) as unknown),
      ]),
    ).toEqual([
      [
        'done',
        {
          kind: 'refusal',
          refusal: { status: 200, headers: { position: '7' }, body: { version: 1 } },
        },
      ],
      ['k', null],
    ]);
  });
});
