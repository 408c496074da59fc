import { ensureConsumer, readCheckpoint, type SchemaDatabase } from '@app/consumers';

/** Where publishers before the consumer core kept their checkpoint (default schema). */
const LEGACY_TABLE = 'messaging.publisher_checkpoints';

/**
 * An upgraded deployment resumes publishing where it was: the position its publisher stored in
 * the old table becomes its checkpoint in the consumer store (unless that one already moved),
 * and the old row goes, the table with its last row. Safe to run at every start.
 */
export async function importLegacyCheckpoint(db: SchemaDatabase, name: string): Promise<void> {
  await db.transaction(async (tx) => {
    await ensureConsumer(tx, name);
    const [exists] = await tx.query<{ found: boolean }>(
      `SELECT to_regclass('${LEGACY_TABLE}') IS NOT NULL AS found`,
    );
    if (exists?.found !== true) return;
    const rows = await tx.query<{ position: string }>(
      `SELECT position FROM ${LEGACY_TABLE} WHERE name = $1 FOR UPDATE`,
      [name],
    );
    const legacy = rows[0]?.position;
    const current = await readCheckpoint(tx, name, 1, 'FOR UPDATE');
    if (legacy !== undefined && current?.position === undefined) {
      await tx.query(
        `UPDATE consumer_checkpoints SET position = $2::numeric, updated_at = now()
         WHERE consumer = $1 AND generation = 1`,
        [name, legacy],
      );
    }
    await tx.query(`DELETE FROM ${LEGACY_TABLE} WHERE name = $1`, [name]);
    const [left] = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${LEGACY_TABLE}`);
    if (left?.n === '0') await tx.query(`DROP TABLE ${LEGACY_TABLE}`);
  });
}
