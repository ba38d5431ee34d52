/**
 * The store's one postgres.js client: a real PostgreSQL when `DATABASE_URL`
 * is set, otherwise the embedded PGlite served on a loopback socket so the
 * very same client and SQL run against it.
 *
 * @module
 */
import postgres from "postgres";
import type { Config } from "../edge/config.ts";
import { withTimeout } from "../edge/timeout.ts";
import { startEmbeddedPostgres } from "./embedded.ts";

/** The postgres.js tagged-template client. */
export type Sql = postgres.Sql;

/** An open database and how to close it. */
export interface Database {
  sql: Sql;
  /** `postgres` for a real server, `embedded` for PGlite. */
  kind: "postgres" | "embedded";
  /** Close the client (and stop the embedded server if there is one). */
  close(): Promise<void>;
}

/** Client settings shared by both kinds. */
const CLIENT_OPTIONS = {
  onnotice: () => {},
  connect_timeout: 10,
  idle_timeout: 30,
} as const;

/**
 * Connect to `DATABASE_URL`, or start the embedded database under `DATA_DIR`
 * (`memory://` keeps it in memory, for tests).
 */
export async function openDatabase(
  config: Pick<Config, "DATABASE_URL" | "DATA_DIR">,
): Promise<Database> {
  if (config.DATABASE_URL) {
    const sql = postgres(config.DATABASE_URL, { ...CLIENT_OPTIONS, max: 10 });
    return { sql, kind: "postgres", close: () => sql.end({ timeout: 5 }) };
  }
  const embedded = await startEmbeddedPostgres(
    config.DATA_DIR === "memory://" ? "memory://" : `${config.DATA_DIR}/pglite`,
  );
  // PGlite is a single connection: the socket server multiplexes, but a
  // transaction must own it, so the client keeps exactly one.
  const sql = postgres({
    ...CLIENT_OPTIONS,
    host: embedded.host,
    port: embedded.port,
    user: "postgres",
    database: "postgres",
    max: 1,
  });
  return {
    sql,
    kind: "embedded",
    async close() {
      await sql.end({ timeout: 5 });
      await embedded.stop();
    },
  };
}

/** Resolves when the database answers a trivial query within `timeoutMs`. */
export async function pingDatabase(sql: Sql, timeoutMs = 2000): Promise<void> {
  await withTimeout(sql`select 1`.execute(), {
    ms: timeoutMs,
    what: "The database",
  });
}
