/**
 * The embedded default database: PGlite (Postgres compiled to WebAssembly)
 * persisted on disk, served over the Postgres wire protocol on a loopback port
 * by `@electric-sql/pglite-socket`.
 *
 * @module
 */
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** A running embedded server. */
export interface EmbeddedPostgres {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Open (or create) the PGlite database in `dataDir` and serve it on
 * 127.0.0.1 at a free port. Pass `"memory://"` for a throwaway database.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
): Promise<EmbeddedPostgres> {
  if (!dataDir.startsWith("memory://")) {
    await Deno.mkdir(dataDir, { recursive: true });
  }
  const db = await PGlite.create({ dataDir });
  const host = "127.0.0.1";
  const server = new PGLiteSocketServer({ db, host, port: 0 });
  await server.start();
  const port = listeningPort(server);
  return {
    host,
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

function listeningPort(server: PGLiteSocketServer): number {
  // After start() the server reports the OS-assigned port as "host:port".
  const port = Number(server.getServerConn().split(":").pop());
  if (Number.isInteger(port) && port > 0) return port;
  throw new Error("Embedded Postgres did not report its port");
}
