/**
 * Product images drawn on demand: every catalog image key names a drawing
 * (`knife`, `mug`, `backpack`...), the product, a colour code and a view, and
 * `renderProductImage()` turns it into a small self-contained SVG. Nothing is
 * stored or fetched, the output has no text to translate, and the same key
 * always gives the same picture.
 *
 * Key format: `{shape}--{productKey}--{color}--{view}`, e.g.
 * `knife--atlas-chefs-knife--black--1` (view 1 front, 2 close-up, 3 angled).
 *
 * @module
 */

/** Drawings the renderer knows, one per kind of product. */
export const IMAGE_SHAPES = [
  "knife",
  "board",
  "block",
  "pan",
  "wok",
  "pot",
  "dutchoven",
  "kettle",
  "press",
  "dripper",
  "teapot",
  "grinder",
  "moka",
  "mug",
  "plate",
  "bowl",
  "glass",
  "cutlery",
  "lamp",
  "floorlamp",
  "pendant",
  "desklamp",
  "blanket",
  "cushion",
  "towel",
  "bedding",
  "rug",
  "vase",
  "candle",
  "mirror",
  "planter",
  "clock",
  "frame",
  "backpack",
  "hippack",
  "tent",
  "sleepingbag",
  "lantern",
  "chair",
  "headlamp",
  "bottle",
  "travelmug",
  "jar",
  "headphones",
  "earbuds",
  "speaker",
  "turntable",
  "powerbank",
  "charger",
  "adapter",
  "cable",
  "plug",
  "bulb",
  "camera",
  "thermostat",
  "notebook",
  "pen",
  "pouch",
  "organizer",
  "stand",
  "mat",
  "tote",
  "wallet",
  "messenger",
  "cardholder",
  "duffel",
  "suitcase",
  "neckpillow",
  "cubes",
] as const;

/** A drawing the renderer knows. */
export type ImageShape = typeof IMAGE_SHAPES[number];

/** The fill of each colour code a product variant can have. */
export const IMAGE_COLORS: Readonly<Record<string, string>> = {
  black: "#2d2d2f",
  white: "#f4f3ef",
  grey: "#9ea3a8",
  navy: "#26365a",
  blue: "#3f7cc4",
  red: "#c8423b",
  green: "#4f8a5b",
  olive: "#6f7447",
  sand: "#d8c3a0",
  brown: "#7a4e32",
  terracotta: "#c46a48",
  pink: "#e7a3b1",
  yellow: "#e9c03f",
  natural: "#cfa877",
  silver: "#c3c8cd",
  gold: "#c9a54a",
  clear: "#dcebf0",
};

const SHAPES = new Set<string>(IMAGE_SHAPES);
const KEY = /^([a-z]+)--([a-z0-9]+(?:-[a-z0-9]+)*)--([a-z]+)--([1-3])$/;

/** Builds the image key of one view of a product in one colour. */
export function productImageKey(
  shape: ImageShape,
  parts: { product: string; color: string; view: 1 | 2 | 3 },
): string {
  return `${shape}--${parts.product}--${parts.color}--${parts.view}`;
}

/** The URL the media route serves an image key at. */
export function imageUrl(key: string): string {
  return `/media/products/${encodeURIComponent(key)}.svg`;
}

/**
 * Draws the image named by `key` as an 800×800 SVG document, or returns
 * `null` when the key does not follow the format or names an unknown shape
 * or colour.
 */
export function renderProductImage(key: string): string | null {
  const match = KEY.exec(key);
  if (!match) return null;
  const [, shape, product, color, view] = match;
  if (!SHAPES.has(shape) || !Object.hasOwn(IMAGE_COLORS, color)) return null;
  const seed = fnv(product);
  const palette = makePalette(IMAGE_COLORS[color], seed);
  const body = DRAW[shape as ImageShape](palette);
  const hue = seed % 360;
  const bg = view === "3" ? hsl(hue, 40, 88) : hsl((hue + 180) % 360, 30, 94);
  const blobX = 170 + (seed >>> 9) % 460;
  const blobY = 150 + (seed >>> 17) % 200;
  const transform = view === "2"
    ? "translate(400 400) scale(1.45) translate(-400 -400)"
    : view === "3"
    ? "rotate(-9 400 420) scale(.92) translate(35 30)"
    : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800">` +
    `<rect width="800" height="800" fill="${esc(bg)}"/>` +
    `<circle cx="${blobX}" cy="${blobY}" r="${150 + seed % 90}" fill="${
      esc(palette.a)
    }" opacity=".16"/>` +
    `<ellipse cx="400" cy="650" rx="250" ry="34" fill="#000" opacity=".1"/>` +
    `<g transform="${esc(transform)}" stroke="${
      esc(palette.o)
    }" stroke-width="5" ` +
    `stroke-linejoin="round" stroke-linecap="round">${body}</g></svg>`;
}

interface Palette {
  /** Main (variant) colour. */
  m: string;
  /** Darker and lighter shades of it. */
  d: string;
  l: string;
  /** Accent derived from the product key. */
  a: string;
  /** Outline. */
  o: string;
  /** Steel, cream, glow, wood and near-black details. */
  s: string;
  w: string;
  g: string;
  t: string;
  k: string;
}

function makePalette(main: string, seed: number): Palette {
  const accent = hsl((seed >>> 3) % 360, 55, 55);
  return {
    m: main,
    d: mix(main, "#000000", 0.3),
    l: mix(main, "#ffffff", 0.45),
    a: accent,
    o: mix(main, "#000000", 0.55),
    s: "#cfd5db",
    w: "#f7f4ec",
    g: "#ffe8a3",
    t: "#c79a68",
    k: "#2a2a2c",
  };
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(a: string, b: string, amount: number): string {
  const channel = (hex: string, i: number) =>
    parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  let out = "#";
  for (let i = 0; i < 3; i++) {
    const v = Math.round(channel(a, i) * (1 - amount) + channel(b, i) * amount);
    out += v.toString(16).padStart(2, "0");
  }
  return out;
}

function hsl(h: number, s: number, l: number): string {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255).toString(16).padStart(2, "0");
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

// Shape primitives. They take SVG's own positional attributes rather than an
// options object: the drawing table below calls them hundreds of times, and
// named fields on every call would bury the shapes. Every value they
// interpolate is a number or a palette colour, escaped all the same.
function R(
  x: number,
  y: number,
  w: number,
  h: number,
  rx: number,
  fill: string,
): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${rx}" fill="${
    esc(fill)
  }"/>`;
}
function C(cx: number, cy: number, r: number, fill: string): string {
  return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${esc(fill)}"/>`;
}
function E(
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  fill: string,
): string {
  return `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="${
    esc(fill)
  }"/>`;
}
function P(d: string, fill: string): string {
  return `<path d="${d}" fill="${esc(fill)}"/>`;
}
/** An unfilled line in the outline colour, or in `color`. */
function S(d: string, width = 6, color?: string): string {
  const stroke = color ? ` stroke="${esc(color)}"` : "";
  return `<path d="${d}" fill="none" stroke-width="${width}"${stroke}/>`;
}

type Draw = (p: Palette) => string;

const DRAW: Record<ImageShape, Draw> = {
  knife: (p) =>
    `<g transform="rotate(-28 400 420)">` +
    P("M360 385H650Q640 455 520 455H360Z", p.s) +
    S("M380 405H600", 3, "#ffffff") +
    R(150, 380, 220, 80, 26, p.m) + C(215, 420, 9, p.l) + C(295, 420, 9, p.l) +
    `</g>`,
  board: (p) =>
    R(180, 250, 440, 330, 46, p.m) + R(220, 290, 360, 250, 30, p.l) +
    C(570, 300, 18, p.w),
  block: (p) =>
    R(330, 210, 34, 120, 10, p.k) + R(380, 190, 34, 140, 10, p.k) +
    R(430, 220, 34, 110, 10, p.k) +
    R(480, 240, 30, 90, 10, p.k) + P("M280 310H580L620 620H240Z", p.m) +
    S("M300 360H575M295 400H580", 3, p.d),
  pan: (p) =>
    R(560, 390, 210, 44, 20, p.k) + E(370, 430, 220, 130, p.d) +
    E(370, 418, 190, 108, p.m) +
    E(340, 395, 80, 40, p.l),
  wok: (p) =>
    R(590, 380, 180, 36, 16, p.t) +
    P("M160 390H620Q600 600 390 600Q180 600 160 390Z", p.m) +
    E(390, 390, 230, 40, p.d),
  pot: (p) =>
    R(600, 330, 160, 32, 14, p.k) +
    P("M220 330H600V540Q600 600 540 600H280Q220 600 220 540Z", p.m) +
    E(410, 330, 200, 34, p.l) + R(385, 272, 50, 34, 12, p.k),
  dutchoven: (p) =>
    R(150, 360, 90, 44, 20, p.d) + R(560, 360, 90, 44, 20, p.d) +
    P("M200 350H600V530Q600 610 520 610H280Q200 610 200 530Z", p.m) +
    P("M190 340Q400 240 610 340Z", p.d) + E(400, 275, 36, 20, p.s),
  kettle: (p) =>
    S("M560 470Q660 440 650 330Q648 300 690 290", 26, p.m) +
    P("M240 600L280 360H520L560 600Z", p.m) + E(400, 360, 120, 22, p.l) +
    S("M300 350Q400 190 500 350", 20, p.k) + C(400, 330, 14, p.k),
  press: (p) =>
    R(370, 170, 20, 160, 6, p.s) + C(380, 165, 24, p.k) +
    R(285, 300, 190, 28, 8, p.m) +
    R(295, 328, 170, 270, 10, "#dcebf0") + R(298, 430, 164, 165, 6, p.t) +
    P("M465 360Q560 360 560 460Q560 560 465 560", p.m) +
    R(280, 590, 200, 22, 8, p.m),
  dripper: (p) =>
    R(290, 470, 220, 150, 30, p.w) +
    P("M510 510Q570 510 570 550Q570 590 510 590", p.w) +
    R(250, 430, 300, 30, 12, p.m) + P("M260 220H540L460 430H340Z", p.m) +
    S("M330 260L380 400M470 260L420 400", 4, p.d),
  teapot: (p) =>
    P("M250 440Q170 390 160 330Q205 360 250 380Z", p.m) +
    S("M540 380Q640 380 640 460Q640 540 540 540", 22, p.d) +
    E(400, 470, 170, 140, p.m) + E(400, 340, 90, 20, p.l) +
    C(400, 315, 16, p.d),
  grinder: (p) =>
    R(300, 300, 200, 300, 24, p.m) + R(290, 290, 220, 40, 12, p.d) +
    R(300, 470, 200, 12, 4, p.l) +
    R(392, 190, 16, 100, 6, p.k) + R(392, 180, 170, 18, 8, p.k) +
    C(560, 165, 22, p.t),
  moka: (p) =>
    P("M300 600L330 440H470L500 600Z", p.m) +
    P("M320 420L300 270H500L480 420Z", p.m) +
    R(310, 420, 180, 22, 6, p.d) + S("M500 300Q580 310 560 400", 18, p.k) +
    P("M300 270L260 300L300 310Z", p.m) + C(400, 255, 14, p.k),
  mug: (p) =>
    S("M500 360Q600 360 600 450Q600 540 500 540", 30, p.m) +
    R(230, 300, 280, 300, 40, p.m) +
    E(370, 300, 140, 26, p.l) +
    S("M330 250Q300 210 330 170M400 250Q370 210 400 170", 6, p.a),
  plate: (p) =>
    E(400, 440, 290, 170, p.m) + E(400, 432, 190, 108, p.l) +
    E(400, 432, 150, 84, p.m),
  bowl: (p) =>
    P("M180 380H620Q610 600 400 600Q190 600 180 380Z", p.m) +
    E(400, 380, 220, 50, p.d) +
    C(340, 360, 40, "#7fb36a") + C(420, 350, 44, "#5d9a52") +
    C(480, 366, 30, p.a),
  glass: (p) =>
    P("M280 250H520L490 600H310Z", p.m) + P("M296 400H504L490 600H310Z", p.a) +
    E(400, 250, 120, 18, p.l) + S("M320 290L335 560", 6, "#ffffff"),
  cutlery: (p) =>
    R(255, 300, 36, 320, 18, p.m) +
    S("M250 180V280M273 180V280M296 180V280", 10, p.m) +
    R(250, 260, 46, 60, 14, p.m) +
    R(382, 330, 36, 290, 18, p.m) + E(400, 250, 46, 80, p.m) +
    R(510, 350, 36, 270, 18, p.m) + P("M510 360V180Q560 200 556 360Z", p.m),
  lamp: (p) =>
    E(400, 250, 220, 130, p.g) + P("M290 170H510L570 330H230Z", p.w) +
    R(392, 330, 16, 50, 4, p.k) +
    P("M400 380C500 380 510 500 470 600H330C290 500 300 380 400 380Z", p.m),
  floorlamp: (p) =>
    S("M330 620V230L480 170", 14, p.k) + E(330, 625, 110, 22, p.k) +
    P("M420 160Q500 120 570 200L470 290Q410 230 420 160Z", p.m) +
    E(520, 245, 30, 14, p.g),
  pendant: (p) =>
    S("M400 40V250", 4, p.k) + E(400, 470, 160, 90, p.g) +
    P("M230 450Q230 260 400 250Q570 260 570 450Z", p.m) +
    E(400, 450, 170, 22, p.d) + C(400, 470, 26, p.w),
  desklamp: (p) =>
    E(300, 610, 110, 24, p.m) + S("M300 600L400 390L280 250", 16, p.m) +
    P("M240 210L380 230L330 330Z", p.m) + E(330, 320, 44, 16, p.g) +
    C(400, 390, 16, p.d),
  blanket: (p) =>
    R(190, 430, 420, 140, 30, p.m) + R(190, 310, 420, 140, 30, p.l) +
    R(190, 310, 420, 24, 10, p.d) +
    S(
      "M230 580V620M280 580V620M330 580V620M380 580V620M430 580V620M480 580V620M530 580V620M580 580V620",
      5,
      p.d,
    ),
  cushion: (p) =>
    P(
      "M210 230Q400 270 590 230Q550 400 590 590Q400 550 210 590Q250 400 210 230Z",
      p.m,
    ) +
    S("M260 290Q400 310 540 290", 4, p.l) + C(400, 410, 12, p.d),
  towel: (p) =>
    R(200, 480, 400, 120, 24, p.m) + R(200, 380, 400, 110, 24, p.m) +
    R(200, 280, 400, 110, 24, p.l) +
    R(200, 330, 400, 20, 0, p.a),
  bedding: (p) =>
    R(150, 260, 500, 80, 20, p.k) + R(180, 300, 200, 90, 30, p.w) +
    R(420, 300, 200, 90, 30, p.w) +
    R(150, 370, 500, 250, 30, p.m) + R(150, 370, 500, 60, 20, p.l),
  rug: (p) =>
    S(
      "M180 300H150M180 360H150M180 420H150M180 480H150M180 540H150M620 300H650M620 360H650M620 420H650M620 480H650M620 540H650",
      5,
      p.d,
    ) +
    R(180, 250, 440, 340, 8, p.m) + R(220, 290, 360, 260, 4, p.l) +
    P("M400 330L500 420L400 510L300 420Z", p.a),
  vase: (p) =>
    S("M400 320Q380 200 330 160M400 320Q430 210 470 190", 6, "#4f7d45") +
    C(330, 160, 30, p.a) + C(470, 190, 24, p.w) +
    P(
      "M360 300H440Q440 360 500 420Q560 500 500 600H300Q240 500 300 420Q360 360 360 300Z",
      p.m,
    ),
  candle: (p) =>
    P("M400 200Q430 250 400 280Q370 250 400 200Z", p.g) +
    R(397, 278, 6, 40, 2, p.k) +
    R(270, 320, 260, 290, 30, p.m) + E(400, 330, 130, 22, p.w) +
    R(270, 430, 260, 80, 0, p.l),
  mirror: (p) =>
    C(400, 400, 220, p.m) + C(400, 400, 190, "#dfe8ee") +
    S("M300 380L380 300M310 450L450 310", 14, "#ffffff"),
  planter: (p) =>
    P("M400 380Q300 300 260 180Q360 220 400 380Z", "#5d9a52") +
    P("M400 380Q520 280 560 200Q460 220 400 380Z", "#7fb36a") +
    P("M400 380Q400 250 420 150Q450 260 400 380Z", "#4f7d45") +
    P("M260 380H540L510 600H290Z", p.m) + R(245, 360, 310, 40, 12, p.d),
  clock: (p) =>
    C(400, 400, 230, p.m) + C(400, 400, 195, p.w) +
    S("M400 225V250M400 550V575M225 400H250M550 400H575", 8, p.k) +
    S("M400 400V285M400 400L480 440", 10, p.k) +
    C(400, 400, 12, p.a),
  frame: (p) =>
    R(220, 170, 360, 460, 8, p.m) + R(255, 205, 290, 390, 2, p.w) +
    R(300, 255, 200, 290, 2, p.l) +
    P("M300 545L370 420L420 480L460 440L500 545Z", p.a) + C(460, 310, 22, p.g),
  backpack: (p) =>
    S("M340 220Q400 150 460 220", 16, p.d) + R(230, 220, 340, 400, 80, p.m) +
    R(280, 420, 240, 170, 40, p.d) +
    S("M300 460H500", 4, p.l) + R(270, 250, 260, 30, 14, p.l),
  hippack: (p) =>
    S("M120 390Q400 330 680 390", 14, p.k) +
    P("M220 380Q400 330 580 380Q610 520 400 540Q190 520 220 380Z", p.m) +
    S("M250 410Q400 370 550 410", 5, p.l) + R(430, 450, 60, 30, 8, p.d),
  tent: (p) =>
    S("M160 600L240 560M640 600L560 560", 3, p.k) +
    P("M150 600L400 230L650 600Z", p.m) +
    P("M400 230L480 600H320Z", p.d) + P("M400 340L440 600H360Z", p.k) +
    S("M150 600H650", 6),
  sleepingbag: (p) =>
    R(200, 340, 380, 220, 110, p.m) + E(580, 450, 70, 110, p.d) +
    E(580, 450, 40, 70, p.l) +
    R(290, 330, 26, 240, 8, p.k) + R(450, 330, 26, 240, 8, p.k),
  lantern: (p) =>
    S("M330 230Q400 140 470 230", 10, p.k) + R(300, 220, 200, 50, 16, p.m) +
    R(315, 270, 170, 240, 30, p.g) + S("M350 280V500M450 280V500", 10, p.m) +
    R(290, 500, 220, 90, 20, p.m),
  chair: (p) =>
    S("M250 600L520 330M550 600L280 330", 12, p.k) +
    P("M240 300Q400 360 560 300V420Q400 480 240 420Z", p.m) +
    P("M260 180H540V310Q400 350 260 310Z", p.d) + R(180, 380, 80, 18, 8, p.k) +
    R(540, 380, 80, 18, 8, p.k),
  headlamp: (p) =>
    S(
      "M150 420Q150 280 400 280Q650 280 650 420Q650 560 400 560Q150 560 150 420Z",
      30,
      p.m,
    ) +
    R(320, 490, 160, 110, 30, p.d) + C(400, 545, 38, p.g),
  bottle: (p) =>
    R(300, 290, 200, 330, 60, p.m) + R(340, 230, 120, 80, 20, p.m) +
    R(335, 160, 130, 80, 20, p.k) +
    S("M380 175Q400 140 420 175", 8, p.k) + R(320, 400, 12, 160, 6, p.l),
  travelmug: (p) =>
    P("M300 280H500L480 620H320Z", p.m) + R(285, 220, 230, 70, 24, p.k) +
    R(420, 230, 60, 14, 6, p.d) +
    R(310, 420, 180, 70, 0, p.l),
  jar: (p) =>
    R(260, 340, 280, 270, 50, p.m) + R(270, 270, 260, 90, 28, p.d) +
    R(360, 250, 80, 30, 10, p.d) +
    R(290, 400, 10, 150, 5, p.l),
  headphones: (p) =>
    S("M240 450Q220 190 400 190Q580 190 560 450", 26, p.d) +
    R(200, 400, 100, 190, 46, p.m) +
    R(500, 400, 100, 190, 46, p.m) + R(270, 420, 40, 150, 18, p.l) +
    R(490, 420, 40, 150, 18, p.l),
  earbuds: (p) =>
    R(240, 380, 320, 220, 100, p.m) + S("M250 470H550", 4, p.d) +
    C(400, 540, 8, p.a) +
    C(330, 280, 40, p.m) + R(350, 280, 26, 100, 13, p.m) +
    C(470, 280, 40, p.m) + R(424, 280, 26, 100, 13, p.m),
  speaker: (p) =>
    R(290, 200, 220, 420, 100, p.m) + R(310, 250, 180, 320, 80, p.d) +
    S("M340 300H460M330 360H470M330 420H470M330 480H470M340 540H460", 5, p.l) +
    S("M370 200Q400 150 430 200", 10, p.k),
  turntable: (p) =>
    R(150, 320, 500, 280, 24, p.m) + R(150, 580, 500, 20, 10, p.d) +
    C(350, 450, 110, p.k) + C(350, 450, 36, p.a) +
    S("M580 350V500L470 540", 8, p.s) + C(580, 350, 16, p.s),
  powerbank: (p) =>
    R(270, 200, 260, 420, 40, p.m) + R(370, 200, 60, 14, 6, p.k) +
    C(350, 560, 8, "#7ed957") + C(380, 560, 8, "#7ed957") +
    C(410, 560, 8, "#7ed957") + C(440, 560, 8, p.l),
  charger: (p) =>
    E(400, 500, 240, 70, p.d) + E(400, 480, 240, 70, p.m) +
    E(400, 480, 120, 35, p.l) +
    R(330, 240, 140, 250, 24, p.k) + R(345, 255, 110, 210, 12, p.a),
  adapter: (p) =>
    R(360, 200, 18, 90, 6, p.s) + R(422, 200, 18, 90, 6, p.s) +
    R(260, 280, 280, 320, 50, p.m) +
    R(370, 520, 60, 22, 11, p.k) + E(400, 380, 80, 8, p.l),
  cable: (p) =>
    S(
      "M260 300Q160 400 260 500Q400 600 540 500Q640 400 540 300Q400 220 330 340Q280 440 420 470",
      18,
      p.m,
    ) +
    R(230, 250, 60, 70, 12, p.d) + R(400, 450, 70, 50, 12, p.d),
  plug: (p) =>
    R(250, 230, 300, 350, 70, p.m) + C(400, 400, 95, p.l) +
    C(365, 400, 14, p.k) + C(435, 400, 14, p.k) +
    C(400, 300, 8, "#7ed957"),
  bulb: (p) =>
    C(400, 330, 170, p.g) + C(400, 330, 150, p.m) +
    R(340, 470, 120, 50, 10, p.w) + R(340, 520, 120, 40, 6, p.s) +
    R(345, 560, 110, 30, 6, p.s) + R(370, 590, 60, 30, 12, p.k),
  camera: (p) =>
    R(330, 480, 140, 100, 16, p.m) + R(260, 610, 280, 20, 10, p.m) +
    R(380, 580, 40, 30, 0, p.d) +
    R(270, 220, 260, 260, 70, p.m) + C(400, 350, 70, p.k) +
    C(400, 350, 34, "#3a5a7a") + C(420, 330, 10, "#ffffff"),
  thermostat: (p) =>
    R(230, 230, 340, 340, 60, p.w) + C(400, 400, 140, p.m) +
    C(400, 400, 100, p.k) +
    S("M340 440A70 70 0 1 1 460 440", 10, p.a),
  notebook: (p) =>
    R(250, 200, 300, 420, 16, p.m) + R(540, 210, 14, 400, 4, p.w) +
    R(480, 190, 22, 440, 6, p.k) +
    P("M400 610V680L420 660L440 680V610Z", p.a),
  pen: (p) =>
    `<g transform="rotate(-35 400 400)">` + R(180, 370, 220, 60, 30, p.m) +
    R(390, 370, 200, 60, 12, p.d) +
    R(215, 360, 140, 12, 6, p.s) + P("M590 380L680 400L590 420Z", p.s) +
    R(380, 368, 14, 64, 4, p.s) + `</g>`,
  pouch: (p) =>
    R(170, 320, 460, 240, 60, p.m) + S("M200 350H600", 6, p.k) +
    R(560, 335, 26, 50, 8, p.s) + R(180, 480, 440, 8, 4, p.d),
  organizer: (p) =>
    S("M300 420L280 250M330 420L360 240M350 420L330 200", 14, p.a) +
    R(230, 400, 340, 210, 18, p.m) +
    R(400, 340, 170, 270, 18, p.d) + S("M230 470H400", 5, p.d),
  stand: (p) =>
    R(180, 390, 440, 40, 10, p.m) + R(210, 430, 40, 150, 8, p.d) +
    R(550, 430, 40, 150, 8, p.d) +
    R(240, 140, 320, 220, 16, p.k) + R(390, 360, 20, 30, 0, p.k) +
    R(270, 510, 260, 50, 10, p.w),
  mat: (p) =>
    R(140, 300, 520, 300, 30, p.m) + R(200, 380, 280, 110, 14, p.w) +
    R(520, 390, 70, 110, 35, p.w),
  tote: (p) =>
    S(
      "M300 330V230Q300 180 350 180Q400 180 400 230V330M400 330V230Q400 180 450 180Q500 180 500 230V330",
      14,
      p.d,
    ) +
    P("M210 310H590L620 620H180Z", p.m) + R(290, 400, 220, 130, 10, p.l),
  wallet: (p) =>
    R(250, 280, 260, 160, 10, p.w) + R(200, 330, 400, 260, 22, p.m) +
    S("M220 350H580V570H220Z", 3, p.l) + R(200, 400, 400, 10, 0, p.d),
  messenger: (p) =>
    S("M220 330Q220 120 400 120Q580 120 580 330", 16, p.d) +
    R(200, 320, 400, 280, 22, p.m) +
    P("M200 320H600V460Q400 500 200 460Z", p.d) + R(380, 440, 40, 50, 8, p.s),
  cardholder: (p) =>
    R(300, 240, 200, 140, 10, p.a) + R(320, 270, 200, 140, 10, p.w) +
    R(260, 330, 280, 240, 22, p.m) +
    P("M260 340Q400 420 540 340V380Q400 450 260 380Z", p.d),
  duffel: (p) =>
    S("M300 350Q300 220 400 220Q500 220 500 350", 16, p.d) +
    R(170, 340, 460, 250, 120, p.m) +
    E(190, 465, 50, 110, p.d) + E(610, 465, 50, 110, p.d) +
    S("M240 360H560", 5, p.l),
  suitcase: (p) =>
    R(375, 120, 50, 90, 10, p.k) + R(270, 200, 260, 400, 36, p.m) +
    S("M330 230V570M400 230V570M470 230V570", 6, p.d) +
    C(300, 625, 22, p.k) + C(500, 625, 22, p.k),
  neckpillow: (p) =>
    S("M300 300Q200 420 290 540Q400 630 510 540Q600 420 500 300", 120, p.m) +
    S("M300 300Q200 420 290 540Q400 630 510 540Q600 420 500 300", 8, p.l) +
    R(390, 570, 20, 40, 6, p.s),
  cubes: (p) =>
    R(170, 440, 300, 180, 24, p.m) + R(430, 470, 200, 150, 24, p.d) +
    R(240, 290, 300, 160, 24, p.l) +
    S("M190 470H450M450 500H610M260 320H520", 5, p.k),
};
