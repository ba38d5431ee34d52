/**
 * Where routes, islands and static files live, and the twind theme used to
 * extract each page's CSS at render time.
 *
 * @module
 */
import { defineConfig } from "@twind/core";
import presetTailwind from "@twind/preset-tailwind";
import type { FreshConfig } from "./edge/define.ts";

export default {
  routesDir: "routes",
  islandsDir: "islands",
  staticDir: "static",
  twind: defineConfig({
    presets: [presetTailwind()],
    theme: {
      extend: {
        fontFamily: {
          sans: [
            "system-ui",
            "-apple-system",
            "Segoe UI",
            "Roboto",
            "Noto Sans",
            "Noto Sans Arabic",
            "Noto Sans CJK SC",
            "Hiragino Sans",
            "sans-serif",
          ],
        },
      },
    },
  }),
} satisfies FreshConfig;
