import { describeWithService } from '@test/support/requires-service';
import { createPgPool } from './create-pg-pool';

describeWithService('postgres', 'createPgPool', (url) => {
  it('makes connections that never JIT-compile a statement, whatever its estimated cost', async () => {
    const pool = createPgPool({
      connectionString: url,
      max: 1,
      onConnectionError: () => undefined,
    });
    const client = await pool.connect();
    try {
      // Any statement is worth compiling at this threshold, were JIT on.
      await client.query('SET jit_above_cost = 0');
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
        'EXPLAIN (ANALYZE, FORMAT JSON) SELECT sum(g) FROM generate_series(1, 1000) g',
      );
      const [plan] = rows[0]?.['QUERY PLAN'] as Array<Record<string, unknown>>;
      expect(plan).toBeDefined();
      expect(plan).not.toHaveProperty('JIT');
      expect((await client.query<{ jit: string }>('SHOW jit')).rows[0]?.jit).toBe('off');
    } finally {
      client.release();
      await pool.end();
    }
  });

  it("keeps the caller's own session options beside it", async () => {
    const pool = createPgPool({
      connectionString: url,
      max: 1,
      options: '-c search_path=pool_options_probe',
      onConnectionError: () => undefined,
    });
    try {
      const { rows } = await pool.query<{ jit: string; path: string }>(
        "SELECT current_setting('jit') AS jit, current_setting('search_path') AS path",
      );
      expect(rows[0]).toEqual({ jit: 'off', path: 'pool_options_probe' });
    } finally {
      await pool.end();
    }
  });
});
