/**
 * Where routes, islands and static files live, and the twind theme used to
 * extract each page's CSS at render time.
 *
 * @module
 */
import {
  type BaseTheme,
  type CSSObject,
  defineConfig,
  type Rule,
} from "@twind/core";
import presetTailwind, { type TailwindTheme } from "@twind/preset-tailwind";
import type { FreshConfig } from "./edge/define.ts";

// The theme type defineConfig() infers from the preset.
type Theme = BaseTheme & TailwindTheme & { extend: never };

/** `<prefix>-<key>` as `property` set to the theme `section`'s `key`. */
function logical(
  prefix: string,
  section: "margin" | "padding" | "inset",
  property: string,
): Rule<Theme> {
  return [
    `${prefix}-(.+)`,
    (match, { theme }) => {
      const value = theme(section, match[1]);
      return value === undefined
        ? undefined
        : { [property]: String(value) } as CSSObject;
    },
  ];
}

export default {
  routesDir: "routes",
  islandsDir: "islands",
  staticDir: "static",
  twind: defineConfig({
    presets: [presetTailwind()],
    // Tailwind's logical spacing (`ms-2`, `pe-4`, `start-0`), which this
    // preset lacks: without them such classes silently produce no CSS, and
    // they are what keeps right-to-left pages (Arabic) mirrored.
    rules: [
      logical("ms", "margin", "margin-inline-start"),
      logical("me", "margin", "margin-inline-end"),
      logical("ps", "padding", "padding-inline-start"),
      logical("pe", "padding", "padding-inline-end"),
      logical("start", "inset", "inset-inline-start"),
      logical("end", "inset", "inset-inline-end"),
      ["border-s", { "border-inline-start-width": "1px" }],
      ["border-e", { "border-inline-end-width": "1px" }],
    ],
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
