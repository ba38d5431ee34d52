/**
 * The island bundles written by `deno task build`: where the boot script and
 * each island's chunk live under `static/`.
 *
 * @module
 */

/** Contents of `static/_islands/manifest.json`. */
export interface IslandAssets {
  /** URL path of the boot module, e.g. `/_islands/3f2a…/boot.js`. */
  boot: string;
  /** URL path of each island's chunk, by island name. */
  islands: Record<string, string>;
  /**
   * The chunks each entry (the boot module, each island) imports, directly
   * or through other chunks, by the entry's URL path: what a page that
   * uses it preloads, and nothing more.
   */
  imports: Record<string, string[]>;
}

/** Where the build writes its asset manifest. */
export const ASSET_MANIFEST = new URL(
  "../../static/_islands/manifest.json",
  import.meta.url,
);

/**
 * Read the asset manifest. Throws a message telling the operator to build
 * when it is missing, because every island page would fail without it.
 */
export function loadIslandAssets(url: URL = ASSET_MANIFEST): IslandAssets {
  try {
    return JSON.parse(Deno.readTextFileSync(url)) as IslandAssets;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(
        "Island bundles are missing (static/_islands/manifest.json): run `deno task build`",
      );
    }
    throw error;
  }
}
