import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLock } from './data-dir-lock';
import { PgliteDatabase } from './pglite-database';

/** The embedded database's folder inside DATA_DIR. */
export function embeddedDatabaseDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

/** DATA_DIR opened by its owner: the one PGlite every embedded store of the process shares. */
export interface EmbeddedFolder {
  readonly database: PgliteDatabase;
  readonly lock: DataDirLock;
  /** Closes the database, then gives up the folder. */
  close(): Promise<void>;
}

export interface OpenEmbeddedFolderOptions {
  /** Who takes it: `api`, or `cli` with its command (named to whoever is refused). */
  readonly app: string;
  readonly command?: string;
  /** Refuse to create a store where none is (the CLI reads an existing one). */
  readonly mustExist?: boolean;
}

/**
 * The only way the app and the CLI open a DATA_DIR: its lock first (DataDirHeldError when
 * another process holds it), then PGlite in `<DATA_DIR>/pglite`.
 */
export async function openEmbeddedFolder(
  dataDir: string,
  options: OpenEmbeddedFolderOptions,
): Promise<EmbeddedFolder> {
  const lock = await DataDirLock.acquire(dataDir, options);
  try {
    const dir = embeddedDatabaseDir(lock.dataDir);
    if (options.mustExist === true && !existsSync(dir)) {
      throw new Error(`${dir} holds no embedded store (DATA_DIR=${dataDir})`);
    }
    // PGlite creates its own folder; DATA_DIR exists since the lock is in it.
    const database = await PgliteDatabase.open(dir);
    return {
      database,
      lock,
      close: async () => {
        try {
          await database.close();
        } finally {
          await lock.release();
        }
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
