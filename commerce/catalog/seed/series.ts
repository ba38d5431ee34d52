/**
 * Brands and their series. A product is a series crossed with a product
 * type ("Atlas" × "Chef's Knife"); series names are the same in every
 * language and are placed where each language puts a model name.
 *
 * @module
 */

/** A product line of a brand. */
export interface Series {
  name: string;
  /** Three letters in SKUs. */
  sku: string;
  brand: string;
}

function line(brand: string, ...series: [string, string][]): Series[] {
  return series.map(([name, sku]) => ({ name, sku, brand }));
}

/** Nine series per department, three per brand. */
export const SERIES_BY_DEPARTMENT: Readonly<Record<string, readonly Series[]>> =
  {
    kitchen: [
      ...line("Hoshi", ["Kyoto", "KYO"], ["Hana", "HAN"], ["Kumo", "KUM"]),
      ...line("Ferro & Fiore", ["Atlas", "ATL"], ["Porto", "POR"], [
        "Siena",
        "SIE",
      ]),
      ...line("Nordvik", ["Nordic", "NRD"], ["Fjord", "FJO"], ["Oslo", "OSL"]),
    ],
    home: [
      ...line("Alder Home", ["Cedar", "CED"], ["Haven", "HAV"], [
        "Linden",
        "LIN",
      ]),
      ...line("Lumen & Loom", ["Aurora", "AUR"], ["Luna", "LUN"], [
        "Solace",
        "SOL",
      ]),
      ...line("Casa Terra", ["Terra", "TER"], ["Mesa", "MES"], ["Alba", "ALB"]),
    ],
    outdoor: [
      ...line("Trailcraft", ["Summit", "SUM"], ["Ridge", "RDG"], [
        "Tundra",
        "TUN",
      ]),
      ...line("Peakline", ["Sierra", "SRA"], ["Alpine", "ALP"], [
        "Vega",
        "VEG",
      ]),
      ...line("Northbound", ["Kestrel", "KES"], ["Drift", "DRI"], [
        "Yukon",
        "YUK",
      ]),
    ],
    electronics: [
      ...line("Voltaic", ["Volt", "VLT"], ["Nova", "NOV"], ["Flux", "FLX"]),
      ...line("Soundry", ["Echo", "ECH"], ["Pulse", "PLS"], ["Aria", "ARI"]),
      ...line("Brightnest", ["Halo", "HAL"], ["Orbit", "ORB"], [
        "Beacon",
        "BEA",
      ]),
    ],
    "work-travel": [
      ...line("Papier & Co", ["Linea", "LNA"], ["Folio", "FOL"], [
        "Quill",
        "QUI",
      ]),
      ...line("Transit", ["Voyager", "VOY"], ["Jetstream", "JET"], [
        "Harbor",
        "HRB",
      ]),
      ...line("Meridian Goods", ["Marlow", "MRL"], ["Onyx", "ONX"], [
        "Brio",
        "BRI",
      ]),
    ],
  };
