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

if (import.meta.main) {
  const { files, assets, ms } = await build();
  console.log(
    `Built ${files.routes.length} routes and ${files.islands.length} islands in ${ms} ms → static${
      assets.boot.split("/").slice(0, 3).join("/")
    }/`,
  );
}
