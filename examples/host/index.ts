/**
 * The reference host (not part of the published package): servicecraft machines on PostgreSQL,
 * embedded (PGlite) by default and on a server with `DATABASE_URL`. See the "Scaling out" and
 * "Persisting snapshots" guides.
 */
export { ConnectionLost, type Database, type OpenOptions, openDatabase, type Sql } from './db.js';
export {
  type ApplyResult,
  type Command,
  createHost,
  type DueWakeUp,
  type HookContext,
  type Host,
  HostError,
  type HostHooks,
  type HostOptions,
  TooManyConflictsError,
  wakeMessageId,
} from './host.js';
export { installSchema, schema } from './schema.js';
