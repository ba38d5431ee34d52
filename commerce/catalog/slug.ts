/**
 * Localized URL slugs: readable in the shopper's own script (`kochmesser`,
 * `牛刀`, `سكين-الطاهي`), safe in a path segment, unique per language.
 *
 * @module
 */

// How German writes its umlauts without them: "Küche" is "kueche", not "kuche".
const GERMAN: Record<string, string> = {
  ä: "ae",
  ö: "oe",
  ü: "ue",
  ß: "ss",
  Ä: "Ae",
  Ö: "Oe",
  Ü: "Ue",
};

/**
 * The slug of a name in `language`: lowercase, accents removed from Latin
 * letters (German umlauts spelled out), any run of characters that are not
 * letters or digits (in any script) collapsed to one hyphen.
 */
export function slugify(name: string, language?: string): string {
  const spelled = language === "de"
    ? name.replace(/[äöüßÄÖÜ]/g, (char) => GERMAN[char])
    : name;
  return spelled.normalize("NFKD")
    // Combining marks of Latin letters go (é → e); other scripts keep theirs
    // only where they are part of the letter after NFC below.
    .replace(/(?<=\p{Script=Latin})\p{M}+/gu, "")
    .normalize("NFC")
    .toLocaleLowerCase("en")
    // "Chef's" reads as one word, not "chef-s".
    .replace(/['’ʼ]/g, "")
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120) || "item";
}

/**
 * Make `slug` unique among `taken` (which it then joins) by appending `-2`,
 * `-3`... as needed.
 */
export function uniqueSlug(slug: string, taken: Set<string>): string {
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${n}`;
  taken.add(candidate);
  return candidate;
}
