/**
 * Bundle the boot script and every island for the browser with
 * `deno bundle --code-splitting --minify`. The output goes to a folder named
 * after a hash of its contents (`static/_islands/<hash>/`), so every chunk URL
 * is immutable and cacheable forever; `static/_islands/manifest.json` tells
 * the server where each island's chunk is.
 *
 * @module
 */
import type { IslandAssets } from "../render/assets.ts";
import { islandName } from "./manifest.ts";

/** Run `deno bundle` and return the asset manifest it produced. */
export async function bundleIslands(
  root: URL,
  options: { islands: string[]; staticDir: string },
): Promise<IslandAssets> {
  const outRoot = new URL(`${options.staticDir}/_islands/`, root);
  const staging = new URL(`.staging-${crypto.randomUUID()}/`, outRoot);
  await Deno.mkdir(staging, { recursive: true });
  const boot = "./edge/render/boot.ts";
  const entries = [boot, ...options.islands];
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform=browser",
      "--format=esm",
      "--code-splitting",
      "--minify",
      `--outdir=${staging.pathname}`,
      ...entries,
    ],
    cwd: root.pathname,
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    await Deno.remove(staging, { recursive: true });
    throw new Error(`deno bundle failed:\n${new TextDecoder().decode(stderr)}`);
  }

  // Entries keep their folders (`islands/X.js`); shared chunks sit at the top.
  const files: string[] = [];
  async function walk(dir: URL, prefix: string) {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) {
        await walk(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`);
      } else if (entry.name.endsWith(".js")) files.push(prefix + entry.name);
    }
  }
  await walk(staging, "");
  files.sort();
  const hasher = new Uint8Array(
    await crypto.subtle.digest(
      "SHA-256",
      new TextEncoder().encode(
        (await Promise.all(
          files.map(async (name) =>
            name + (await Deno.readTextFile(new URL(name, staging)))
          ),
        )).join("\0"),
      ),
    ),
  );
  const hash = Array.from(
    hasher.slice(0, 6),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
  const target = new URL(`${hash}/`, outRoot);
  await Deno.remove(target, { recursive: true }).catch(() => {});
  await Deno.rename(staging, target);

  await pruneBuilds(outRoot, hash);

  const base = `/_islands/${hash}/`;
  const output = (path: string) =>
    path.replace(/^\.\//, "").replace(/\.\w+$/, ".js");
  const imports = await staticImports(target, files);
  const assets: IslandAssets = {
    boot: base + output(boot),
    islands: Object.fromEntries(
      options.islands.map((path) => [islandName(path), base + output(path)]),
    ),
    imports: Object.fromEntries(
      entries.map(output).map((entry) => [
        base + entry,
        [...importedBy(entry, imports)].map((name) => base + name),
      ]),
    ),
  };
  await Deno.writeTextFile(
    new URL("manifest.json", outRoot),
    JSON.stringify(assets, null, 2) + "\n",
  );
  return assets;
}

/**
 * The chunks each bundled file imports statically (`import … from"./x.js"`,
 * as the minified output writes it), by path in the build folder. A
 * dynamic `import()` is left out: it loads only when the code runs.
 */
async function staticImports(
  dir: URL,
  files: string[],
): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const name of files) {
    const code = await Deno.readTextFile(new URL(name, dir));
    const base = new URL(name, "file:///");
    graph.set(
      name,
      [...code.matchAll(/(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+\.js)"/g)].map(
        (match) => new URL(match[1], base).pathname.slice(1),
      ),
    );
  }
  return graph;
}

/** Every file `entry` imports, directly or not. */
function importedBy(
  entry: string,
  graph: Map<string, string[]>,
): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    for (const next of graph.get(name) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        visit(next);
      }
    }
  };
  visit(entry);
  return seen;
}

/** How many builds stay on disk: pages rendered by a just-replaced build
 * (a running store, a rolling deploy) still find their chunks. */
const KEEP_BUILDS = 3;

async function pruneBuilds(outRoot: URL, current: string): Promise<void> {
  const builds: { name: string; mtime: number }[] = [];
  for await (const entry of Deno.readDir(outRoot)) {
    if (!entry.isDirectory || entry.name === current) continue;
    const dir = new URL(`${entry.name}/`, outRoot);
    // Another build's staging folder may be in use right now.
    if (entry.name.startsWith(".staging-")) continue;
    builds.push({
      name: entry.name,
      mtime: (await Deno.stat(dir)).mtime?.getTime() ?? 0,
    });
  }
  builds.sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(KEEP_BUILDS - 1)) {
    await Deno.remove(new URL(`${old.name}/`, outRoot), { recursive: true });
  }
}
