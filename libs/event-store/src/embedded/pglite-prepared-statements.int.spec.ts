import { PGlite } from '@electric-sql/pglite';
import { PglitePreparedStatements } from './pglite-prepared-statements';

describe('PglitePreparedStatements', () => {
  let pglite: PGlite;

  beforeAll(async () => {
    pglite = await PGlite.create();
    await pglite.exec(`
      CREATE TABLE items (id bigserial PRIMARY KEY, name text UNIQUE, tags text[], body jsonb);
      INSERT INTO items (name, tags, body) VALUES ('a', '{x,y}', '{"n": 1}'), ('b', NULL, NULL);
    `);
    // Starting PGlite (PostgreSQL in WASM) took over jest's default 5 s on a loaded machine.
  }, 60_000);

  afterAll(() => pglite.close());

  const preparedCount = async (): Promise<number> =>
    (
      await pglite.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM pg_prepared_statements',
      )
    ).rows[0]?.count ?? -1;

  it('answers what pglite.query answers: rows, types, array and null parameters, no rows', async () => {
    const statements = new PglitePreparedStatements(pglite);
    const cases: Array<[string, unknown[]]> = [
      [
        'SELECT id, name, tags, body FROM items WHERE name = ANY($1::text[]) ORDER BY id',
        [['a', 'b']],
      ],
      [
        'SELECT $1::bigint AS big, $2::int AS small, $3::text IS NULL AS absent',
        ['9007199254740993', 7, null],
      ],
      ['SELECT * FROM items WHERE name = $1', ['nobody']],
      ['SELECT body -> $1 AS picked FROM items WHERE name = $2', ['n', 'a']],
    ];
    for (const [text, params] of cases) {
      for (let call = 0; call < 7; call += 1) {
        // Past the fifth call PostgreSQL may switch to its generic plan: the answers stay the same.
        expect(await statements.query(text, params)).toEqual(
          (await pglite.query(text, params)).rows,
        );
      }
    }
  });

  it('returns what a write returns, and an error keeps its SQLSTATE and constraint, the connection usable', async () => {
    const statements = new PglitePreparedStatements(pglite);
    const insert = 'INSERT INTO items (name, body) VALUES ($1, $2::jsonb) RETURNING name, body';
    expect(await statements.query(insert, ['c', JSON.stringify({ n: 3 })])).toEqual([
      { name: 'c', body: { n: 3 } },
    ]);
    await expect(statements.query(insert, ['c', '{}'])).rejects.toMatchObject({
      code: '23505',
      constraint: 'items_name_key',
    });
    await expect(statements.query('SELECT 1 / $1::int', [0])).rejects.toMatchObject({
      code: '22012',
    });
    await expect(statements.query('SELECT nonsense FROM $1', [1])).rejects.toMatchObject({
      code: '42601',
    });
    expect(await statements.query('SELECT $1::int + 1 AS next', [41])).toEqual([{ next: 42 }]);
  });

  it('runs inside a transaction, whose rollback undoes its writes', async () => {
    const statements = new PglitePreparedStatements(pglite);
    await expect(
      pglite.transaction(async () => {
        await statements.query('INSERT INTO items (name) VALUES ($1)', ['rolled-back']);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(
      await statements.query('SELECT name FROM items WHERE name = $1', ['rolled-back']),
    ).toEqual([]);
  });

  it('keeps at most its capacity of statements, closing the least recently used', async () => {
    const before = await preparedCount();
    const statements = new PglitePreparedStatements(pglite, 2);
    const texts = [1, 2, 3].map((n) => `SELECT $1::int + ${n} AS sum`);
    expect(await statements.query(texts[0], [1])).toEqual([{ sum: 2 }]);
    expect(await statements.query(texts[1], [1])).toEqual([{ sum: 3 }]);
    expect(await statements.query(texts[0], [1])).toEqual([{ sum: 2 }]);
    // The third closes the second (the first was used since).
    expect(await statements.query(texts[2], [1])).toEqual([{ sum: 4 }]);
    expect((await preparedCount()) - before).toBe(2);
    expect(await statements.query(texts[1], [1])).toEqual([{ sum: 3 }]);
    expect((await preparedCount()) - before).toBe(2);
  });

  it('says a closed database is closed, as pglite.query does', async () => {
    const closing = await PGlite.create();
    const statements = new PglitePreparedStatements(closing);
    expect(await statements.query('SELECT $1::int AS one', [1])).toEqual([{ one: 1 }]);
    await closing.close();
    await expect(statements.query('SELECT $1::int AS one', [1])).rejects.toThrow(
      'PGlite is closed',
    );
  });
});
