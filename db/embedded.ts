/**
 * The embedded default database: PGlite (Postgres compiled to WebAssembly)
 * persisted on disk, served over the Postgres wire protocol on a loopback port
 * by `@electric-sql/pglite-socket`.
 *
 * @module
 */
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { StartupError } from "../edge/startup_error.ts";

/** Thrown when another process has the embedded database open. */
export class DatabaseInUseError extends StartupError {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in '${dataDir}' is open in another process ` +
        "(a running store?). Stop that process first, or set DATABASE_URL to " +
        "use a PostgreSQL server that many processes can share.",
    );
  }
}

/** A running embedded server. */
export interface EmbeddedPostgres {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Open (or create) the PGlite database in `dataDir` and serve it on
 * 127.0.0.1 at a free port. Pass `"memory://"` for a throwaway database.
 *
 * PGlite is one process's database: a second process writing the same files
 * would silently lose writes, so an exclusive lock on `<dataDir>.lock` is
 * held while it is open and a second opener gets {@link DatabaseInUseError}.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
): Promise<EmbeddedPostgres> {
  const lock = dataDir.startsWith("memory://")
    ? undefined
    : await lockDataDir(dataDir);
  const host = "127.0.0.1";
  let db: PGlite | undefined;
  let port: number;
  let server: PGLiteSocketServer;
  try {
    db = await PGlite.create({ dataDir });
    server = new PGLiteSocketServer({ db, host, port: 0 });
    await server.start();
    port = listeningPort(server);
  } catch (error) {
    await db?.close();
    lock?.close();
    throw error;
  }
  return {
    host,
    port,
    async stop() {
      await server.stop();
      await db!.close();
      lock?.close();
    },
  };
}

async function lockDataDir(dataDir: string): Promise<Deno.FsFile> {
  await Deno.mkdir(dataDir, { recursive: true });
  const file = await Deno.open(`${dataDir}.lock`, {
    create: true,
    write: true,
  });
  if (await file.tryLock(true)) return file;
  file.close();
  throw new DatabaseInUseError(dataDir);
}

function listeningPort(server: PGLiteSocketServer): number {
  // After start() the server reports the OS-assigned port as "host:port".
  const port = Number(server.getServerConn().split(":").pop());
  if (Number.isInteger(port) && port > 0) return port;
  throw new Error("Embedded Postgres did not report its port");
}
