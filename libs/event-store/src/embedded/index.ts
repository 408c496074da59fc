export {
  DATA_DIR_LOCK_FILE,
  DataDirHeldError,
  DataDirLock,
  type DataDirHolder,
  type DataDirLockState,
  describeHolder,
  holderUrl,
} from './data-dir-lock';
export {
  createEmbeddedEventStore,
  DEFAULT_EMBEDDED_SCHEMA,
  type EmbeddedEventStoreOptions,
} from './embedded-event-store';
export {
  embeddedDatabaseDir,
  type EmbeddedFolder,
  openEmbeddedFolder,
  type OpenEmbeddedFolderOptions,
} from './embedded-folder';
export { PgliteDatabase } from './pglite-database';
export {
  currentProcess,
  liveness,
  processStartTime,
  type ProcessIdentity,
} from './process-identity';
