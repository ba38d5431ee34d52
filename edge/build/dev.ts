/**
 * `deno task dev`: build, serve the store, and on every change under the
 * source folders rebuild and restart it. Restarts are graceful (SIGTERM, then
 * SIGKILL after a grace period) so the embedded database always closes
 * cleanly; `deno run --watch` would not let the server finish closing.
 *
 * @module
 */
import { build } from "./mod.ts";

const ROOT = new URL("../../", import.meta.url);
const WATCHED = [
  "routes",
  "islands",
  "components",
  "edge",
  "commerce",
  "db",
  "locales",
  "main.ts",
  "fresh.config.ts",
];
const GRACE_MS = 5000;

async function rebuild(reason: string): Promise<boolean> {
  try {
    const { ms } = await build();
    console.log(`dev: built in ${ms} ms (${reason})`);
    return true;
  } catch (error) {
    // Keep serving the last good build; the next save retries.
    console.error(`dev: build failed: ${(error as Error).message}`);
    return false;
  }
}

function startServer(): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "main.ts"],
    cwd: ROOT.pathname,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
}

/** Ask the server to stop, and make it stop if it has not after a while. */
async function stopServer(server: Deno.ChildProcess): Promise<void> {
  try {
    server.kill("SIGTERM");
  } catch {
    return; // already exited
  }
  const timer = setTimeout(() => {
    try {
      server.kill("SIGKILL");
    } catch { /* exited meanwhile */ }
  }, GRACE_MS);
  await server.status;
  clearTimeout(timer);
}

await rebuild("start");
let server = startServer();
let stopping = false;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, async () => {
    if (stopping) return;
    stopping = true;
    await stopServer(server);
    Deno.exit(0);
  });
}

let timer: ReturnType<typeof setTimeout> | undefined;
const changed = new Set<string>();
const paths = WATCHED.map((path) => new URL(path, ROOT).pathname);
for await (const event of Deno.watchFs(paths)) {
  if (event.kind === "access") continue;
  for (const path of event.paths) changed.add(path.replace(ROOT.pathname, ""));
  // Editors write in bursts: act once the burst is over.
  clearTimeout(timer);
  timer = setTimeout(async () => {
    const reason = [...changed].join(", ");
    changed.clear();
    if (stopping || !(await rebuild(reason))) return;
    await stopServer(server);
    if (!stopping) server = startServer();
  }, 200);
}
