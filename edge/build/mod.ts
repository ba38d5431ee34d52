/**
 * `deno task build`: regenerate `manifest.gen.ts` and bundle the islands.
 *
 * @module
 */
import freshConfig from "../../fresh.config.ts";
import { bundleIslands } from "./bundle.ts";
import { manifestSource, scanProject } from "./manifest.ts";

const ROOT = new URL("../../", import.meta.url);

/** Build the manifest and the island bundles; returns what was written. */
export async function build(root: URL = ROOT) {
  const started = performance.now();
  const files = await scanProject(root, freshConfig);
  const manifestUrl = new URL("manifest.gen.ts", root);
  const source = manifestSource(files);
  const previous = await Deno.readTextFile(manifestUrl).catch(() => "");
  if (previous !== source) await Deno.writeTextFile(manifestUrl, source);
  const assets = await bundleIslands(root, {
    islands: files.islands,
    staticDir: freshConfig.staticDir,
  });
  return { files, assets, ms: Math.round(performance.now() - started) };
}

/**
 * Whether `manifest.gen.ts` matches routes/ and islands/ (for the quality
 * gate, which must not rewrite what it checks).
 */
export async function manifestIsCurrent(root: URL = ROOT): Promise<boolean> {
  const source = manifestSource(await scanProject(root, freshConfig));
  const current = await Deno.readTextFile(new URL("manifest.gen.ts", root))
    .catch(() => "");
  return source === current;
}

if (import.meta.main && Deno.args.includes("--check")) {
  if (!(await manifestIsCurrent())) {
    console.error(
      "manifest.gen.ts is out of date: run `deno task build` and commit it",
    );
    Deno.exit(1);
  }
} else if (import.meta.main) {
  const { files, assets, ms } = await build();
  console.log(
    `Built ${files.routes.length} routes and ${files.islands.length} islands in ${ms} ms → static${
      assets.boot.split("/").slice(0, 3).join("/")
    }/`,
  );
}
