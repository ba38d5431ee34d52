/**
 * The shape of a row in the per-department product tables: one product
 * type ("Chef's Knife"), hand-translated, with what varies between the
 * products made from it.
 *
 * @module
 */
import type { ImageShape } from "../images.ts";
import type { CopyFamily } from "./copy.ts";
import type { ColorCode, MaterialCode } from "./labels.ts";
import type { Localized } from "./types.ts";
import type { Rng } from "./_util.ts";

/** A variant option besides colour, e.g. sizes or capacities. */
export interface Axis {
  name: string;
  values: readonly string[];
  /**
   * Whether the values are ordered small to large and cost more as they
   * grow (bigger pans); a graded axis gets price overrides. Default true.
   */
  graded?: boolean;
}

/** A kind of product that several series are made in. */
export interface ProductType {
  /** Lowercase ascii; the product key is `{series}-{key}`. */
  key: string;
  /** A leaf category key. */
  category: string;
  /** Three letters in SKUs, unique among types. */
  sku: string;
  shape: ImageShape;
  copy: CopyFamily;
  names: Localized;
  /** English takes a plural verb ("Headphones are"). */
  plural?: boolean;
  /** One sentence on what it is for, per language. */
  use: Localized;
  /** Base price range in whole USD. */
  price: [number, number];
  /** Weight range of the smallest variant, in grams. */
  weight: [number, number];
  materials: readonly MaterialCode[];
  colors: readonly ColorCode[];
  /** False when colour is a product attribute rather than a variant option. */
  colorOption?: boolean;
  axes?: readonly Axis[];
  attributes?: (
    rng: Rng,
    material: MaterialCode,
  ) => Record<string, string | number | boolean>;
}
