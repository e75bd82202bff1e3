/**
 * One small interface over two ways of running PostgreSQL, so the host code is the same on both:
 *
 * - **PGlite** (`@electric-sql/pglite`): PostgreSQL compiled to WebAssembly, in memory, in this
 *   process. No server, nothing to configure. It has one connection, so its transactions run one
 *   after another: there is never a conflict to retry.
 * - **A PostgreSQL server** through `pg` (node-postgres), with a pool of connections: transactions
 *   really run at the same time, so two writers can read the same revision and one of them loses
 *   the compare-and-set.
 *
 * `openDatabase()` picks PGlite; `openDatabase({ url: process.env.DATABASE_URL })` picks the server.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** Runs one statement with `$1, $2, …` parameters and returns its rows and the rows it changed. */
export interface Sql {
  query<Row extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: Row[]; rowCount: number }>;
}

/** A database the host can run transactions on. */
export interface Database extends Sql {
  /** `'pglite'` (embedded, one connection) or `'postgres'` (a server, a pool of connections). */
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction (READ COMMITTED, PostgreSQL's default): committed when it
   * resolves, rolled back when it throws (the error is rethrown).
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Ends the current transaction's connection abruptly, as a crashed worker would: the server
   * rolls the transaction back. On PGlite (one shared connection) it throws instead, which rolls
   * the transaction back the same way. Used by the fault tests.
   */
  crash(tx: Sql): Promise<never>;
  close(): Promise<void>;
}

/** Thrown by {@link Database.crash} on PGlite, and seen by callers as a dropped connection. */
export class ConnectionLost extends Error {
  override readonly name = 'ConnectionLost';
}

export interface OpenOptions {
  /** A `postgres://` URL. Without one, an in-memory PGlite database is used. */
  readonly url?: string | undefined;
  /**
   * A schema to create (if missing) and use, so several test runs can share one server database.
   * Server only; PGlite is a fresh database each time.
   */
  readonly schema?: string | undefined;
  /** Drop that schema and everything in it on `close()` (for tests). Default `false`. */
  readonly dropSchemaOnClose?: boolean | undefined;
  /** Connections in the pool (server only). Default 10. */
  readonly poolSize?: number | undefined;
}

/** Opens PGlite (no `url`) or a pool on a PostgreSQL server. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  return options.url === undefined || options.url === ''
    ? openPglite()
    : openServer(options.url, options);
}

async function openPglite(): Promise<Database> {
  const db = await PGlite.create();
  const wrap = (q: Pick<PGlite, 'query'>): Sql => ({
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      const result = await q.query<Row>(text, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  });
  const top = wrap(db);
  return {
    kind: 'pglite',
    query: top.query,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    crash: async () => {
      throw new ConnectionLost('PGlite: the worker stopped mid-transaction (simulated).');
    },
    close: () => db.close(),
  };
}

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

async function openServer(url: string, options: OpenOptions): Promise<Database> {
  const schema = options.schema;
  if (schema !== undefined && !schemaName.test(schema)) {
    throw new Error(`Schema name ${JSON.stringify(schema)} must match ${schemaName}.`);
  }
  if (schema !== undefined) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // A connection the server dropped while idle in the pool: the pool discards it, nothing to do.
  pool.on('error', () => undefined);
  const clients = new WeakMap<Sql, pg.PoolClient>();
  const wrap = (q: pg.Pool | pg.PoolClient): Sql => ({
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      const result = await q.query<Row & pg.QueryResultRow>(text, [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
  });
  return {
    kind: 'postgres',
    query: wrap(pool).query,
    async transaction(work) {
      const client = await pool.connect();
      // An error event on a checked-out client (the server ended the connection) also rejects the
      // query in flight; listening stops it from being thrown at the process.
      const ignore = () => undefined;
      client.on('error', ignore);
      const tx = wrap(client);
      clients.set(tx, client);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const value = await work(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error; // the connection is gone: the server rolled back
        }
        throw error;
      } finally {
        client.off('error', ignore);
        client.release(broken);
      }
    },
    async crash(tx) {
      const client = clients.get(tx);
      if (client === undefined) throw new Error('crash() needs a transaction of this database.');
      // The server ends this backend: the open transaction is rolled back by PostgreSQL itself.
      try {
        await client.query('SELECT pg_terminate_backend(pg_backend_pid())');
      } catch {
        // expected: the connection is gone
      }
      throw new ConnectionLost('PostgreSQL: the worker connection was terminated mid-transaction.');
    },
    async close() {
      if (schema !== undefined && options.dropSchemaOnClose === true) {
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
      await pool.end();
    },
  };
}
