/**
 * The browser side of islands: find every `<x-island>` marker, load its
 * chunk and hydrate it with the props the server serialized. Bundled into
 * `static/_islands/` by `deno task build`; loaded only by pages that use an
 * island.
 *
 * @module
 */
import { type ComponentType, h, hydrate } from "preact";

/** Hydrate the page's islands; `chunks` maps island names to chunk URLs. */
export async function boot(chunks: Record<string, string>): Promise<void> {
  const data = document.getElementById("__islands")?.textContent ?? "[]";
  const props = JSON.parse(data) as Record<string, unknown>[];
  const markers = Array.from(
    document.querySelectorAll<HTMLElement>("x-island[data-island]"),
  );
  await Promise.all(markers.map(async (marker) => {
    const name = marker.dataset.island!;
    const module = await import(chunks[name]) as {
      default: ComponentType<Record<string, unknown>>;
    };
    hydrate(h(module.default, props[Number(marker.dataset.id)]), marker);
    marker.dataset.hydrated = "";
  }));
}
