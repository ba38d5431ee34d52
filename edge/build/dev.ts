/**
 * `deno task dev`: build, serve the store, and rebuild whenever a route, an
 * island or a component changes. The server runs under `deno run --watch`, so
 * it restarts on its own module graph and on each new island build.
 *
 * @module
 */
import { build } from "./mod.ts";

const WATCHED = ["routes", "islands", "components"];
const ROOT = new URL("../../", import.meta.url);

async function rebuild(reason: string): Promise<void> {
  try {
    const { ms } = await build();
    console.log(`dev: rebuilt in ${ms} ms (${reason})`);
  } catch (error) {
    // Keep serving the last good build; the next save retries.
    console.error(`dev: build failed: ${(error as Error).message}`);
  }
}

await rebuild("start");
const server = new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    "--allow-all",
    "--watch=static/_islands/manifest.json,locales/",
    "main.ts",
  ],
  cwd: ROOT.pathname,
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
}).spawn();

// Under --watch, the server's own exit only makes the watcher wait for the
// next change, so a plain SIGTERM would leave it running: kill it outright.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => {
    server.kill("SIGKILL");
    Deno.exit(0);
  });
}
server.status.then(({ code }) => Deno.exit(code));

let timer: ReturnType<typeof setTimeout> | undefined;
const changed = new Set<string>();
for await (
  const event of Deno.watchFs(WATCHED.map((dir) => new URL(dir, ROOT).pathname))
) {
  if (event.kind === "access") continue;
  for (const path of event.paths) changed.add(path.replace(ROOT.pathname, ""));
  // Editors write in bursts: build once the burst is over.
  clearTimeout(timer);
  timer = setTimeout(() => {
    const reason = [...changed].join(", ");
    changed.clear();
    rebuild(reason);
  }, 150);
}
