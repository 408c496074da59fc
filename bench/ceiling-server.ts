/**
 * The API bench's ceiling: what one POST costs with nothing of ours in the way. A bare Fastify
 * server (logger off) takes the same JSON body as a cancel, does ONE autocommit INSERT into a
 * table with a bigserial primary key and a jsonb column, and answers a small JSON body.
 * - CEILING_STORE=postgres: a `pg` pool of the API's size (CEILING_POOL_SIZE) on DATABASE_URL,
 *   the table in CEILING_SCHEMA;
 * - CEILING_STORE=pglite: PGlite on DATA_DIR, as the embedded default opens it.
 * Listens on PORT, then sends 'READY' over the IPC channel the bench opened.
 */
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import { createPgPool } from '../libs/event-store/src/postgres';

type Insert = (body: string) => Promise<string>;

const table = (schema: string): string => `"${schema}".ceiling`;
const ddl = (schema: string): string[] => [
  `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
  `CREATE TABLE IF NOT EXISTS ${table(schema)} (id bigserial PRIMARY KEY, body jsonb NOT NULL)`,
];

async function postgresInsert(schema: string): Promise<Insert> {
  const pool = createPgPool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.CEILING_POOL_SIZE ?? 10),
    onConnectionError: () => undefined,
  });
  for (const statement of ddl(schema)) await pool.query(statement);
  const text = `INSERT INTO ${table(schema)} (body) VALUES ($1::jsonb) RETURNING id::text AS id`;
  return async (body) => {
    const result = await pool.query<{ id: string }>(text, [body]);
    return result.rows[0]?.id ?? '';
  };
}

async function pgliteInsert(dataDir: string): Promise<Insert> {
  const db = await PGlite.create({ dataDir });
  for (const statement of ddl('ceiling')) await db.query(statement);
  const text = `INSERT INTO ${table('ceiling')} (body) VALUES ($1::jsonb) RETURNING id::text AS id`;
  return async (body) => {
    const result = await db.query<{ id: string }>(text, [body]);
    return result.rows[0]?.id ?? '';
  };
}

async function main(): Promise<void> {
  const insert =
    process.env.CEILING_STORE === 'pglite'
      ? await pgliteInsert(process.env.DATA_DIR ?? '')
      : await postgresInsert(process.env.CEILING_SCHEMA ?? 'bench_ceiling');
  const app = Fastify({ logger: false });
  app.post('/api/v1/sessions/:sessionId/cancel', async (request) => {
    const id = await insert(JSON.stringify(request.body));
    return { id, status: 'cancelled' };
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.send?.('READY');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
