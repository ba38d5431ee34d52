import type { ProductImageDeps } from "../../../../../../commerce/catalog/mod.ts";
import { mediaFor } from "../../../../../../commerce/media/mod.ts";
import type { AppContext } from "../../../../../../edge/env.ts";
import { catalogWriter } from "../../_deps.ts";

/**
 * What an image write needs: the catalog writer's deps (`catalog:write`,
 * 401/403 otherwise) and a look into the media store for an upload's key.
 */
export function imageWriter(c: AppContext): ProductImageDeps {
  const deps = catalogWriter(c);
  const { store } = mediaFor(c.var.config);
  return {
    ...deps,
    async mediaStored(key) {
      const object = await store.get(key);
      // Only whether it is there: the bytes are not read.
      await object?.body.cancel();
      return object !== null;
    },
  };
}
