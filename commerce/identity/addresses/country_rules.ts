/**
 * What an address needs in each country: which fields are required, what a
 * postal code looks like and how it is written, and which region codes exist.
 * Countries without an entry get `DEFAULT_COUNTRY_RULE`, which checks nothing
 * a shopper could get wrong in good faith.
 *
 * @module
 */

/** A country's postal-code format. */
export interface PostalCodeFormat {
  /**
   * Matches a whole code, already trimmed, uppercased, NFKC-normalized (so
   * full-width digits count) and with runs of spaces collapsed to one.
   */
  pattern: RegExp;
  /** A valid code as the country writes it, shown in error messages. */
  example: string;
  /** The code's canonical spelling, from the pattern's match. */
  format?: (match: RegExpMatchArray) => string;
}

/** A country's closed list of region codes (states, provinces...). */
export interface RegionCodes {
  /** The codes, uppercase; input is uppercased before it is looked up. */
  codes: ReadonlySet<string>;
  /** A valid code, shown in error messages. */
  example: string;
}

/** What an address in one country needs. */
export interface CountryRule {
  /**
   * `required`: every address has one; `optional`: the country has codes
   * but mail arrives without; `none`: the country has no postal codes, so a
   * form can hide the field (a value typed anyway is kept unchecked).
   */
  postalCode: "required" | "optional" | "none";
  /** Whether the state, province or prefecture must be given. */
  region: "required" | "optional";
  /** Checked and normalized when a postal code is given. */
  postalCodeFormat?: PostalCodeFormat;
  /** Checked and uppercased when a region is given. */
  regionCodes?: RegionCodes;
}

/** The rule for a country without an entry in `COUNTRY_RULES`. */
export const DEFAULT_COUNTRY_RULE: CountryRule = {
  postalCode: "optional",
  region: "optional",
};

function codes(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(/\s+/));
}

/** Join the pattern's two capture groups with a separator ("K1A" "0B1"). */
function joined(separator: string): (match: RegExpMatchArray) => string {
  return (match) => `${match[1]}${separator}${match[2]}`;
}

// States, DC, the inhabited territories and the military "states" (AA, AE,
// AP): USPS accepts all of them in the state field.
const US_STATES = codes(`
  AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO
  MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY
  DC AS GU MP PR VI UM AA AE AP
`);

const CA_PROVINCES = codes("AB BC MB NB NL NS NT NU ON PE QC SK YT");

const AU_STATES = codes("ACT NSW NT QLD SA TAS VIC WA");

// Letters Canada Post never uses: D F I O Q U anywhere, and W Z first.
const CA_POSTAL =
  /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])[ -]?(\d[ABCEGHJ-NPRSTV-Z]\d)$/;

// Outward code (A9, A99, A9A, AA9, AA99, AA9A, or Girobank's GIR, which has
// the one code GIR 0AA) and inward code (a digit and two letters, never
// C I K M O V), per Royal Mail's rules.
const GB_POSTAL =
  /^(GIR(?= ?0AA$)|[A-PR-UWYZ](?:\d[\dA-HJKPS-UW]?|[A-HK-Y]\d[\dABEHMNPRV-Y]?)) ?(\d[ABD-HJLNP-UW-Z]{2})$/;

// Countries with no postal-code system: a form should not ask for one.
const WITHOUT_POSTAL_CODES = codes(`
  AE AG AO AW BF BI BJ BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GM GQ GY
  HK KI KM KN KP ML MO MR MS MW NR NU QA RW SB SC SL SR ST SY TD TF TG TK TL
  TO TV UG VU YE ZW
`);

/**
 * Address rules by ISO 3166-1 alpha-2 country code. Eleven countries have
 * full postal-code formats (US, CA, GB, DE, FR, ES, JP, CN, AU, BR, IN),
 * Ireland an optional Eircode, and the countries without postal codes say
 * so; every other country falls back to `DEFAULT_COUNTRY_RULE`.
 */
export const COUNTRY_RULES: Readonly<Record<string, CountryRule>> = {
  US: {
    postalCode: "required",
    region: "required",
    postalCodeFormat: {
      pattern: /^(\d{5})(?:[ -]?(\d{4}))?$/,
      example: "12345",
      format: (match) => match[2] ? `${match[1]}-${match[2]}` : match[1],
    },
    regionCodes: { codes: US_STATES, example: "CA" },
  },
  CA: {
    postalCode: "required",
    region: "required",
    postalCodeFormat: {
      pattern: CA_POSTAL,
      example: "K1A 0B1",
      format: joined(" "),
    },
    regionCodes: { codes: CA_PROVINCES, example: "ON" },
  },
  GB: {
    postalCode: "required",
    region: "optional",
    postalCodeFormat: {
      pattern: GB_POSTAL,
      example: "SW1A 1AA",
      format: joined(" "),
    },
  },
  IE: {
    postalCode: "optional",
    region: "optional",
    postalCodeFormat: {
      pattern: /^([AC-FHKNPRTV-Y]\d{2}|D6W) ?([\dAC-FHKNPRTV-Y]{4})$/,
      example: "D02 X285",
      format: joined(" "),
    },
  },
  DE: {
    postalCode: "required",
    region: "optional",
    postalCodeFormat: { pattern: /^(?!00)\d{5}$/, example: "10115" },
  },
  FR: {
    postalCode: "required",
    region: "optional",
    postalCodeFormat: { pattern: /^(?!00)\d{5}$/, example: "75008" },
  },
  ES: {
    postalCode: "required",
    region: "optional",
    // The first two digits are the province, 01 to 52.
    postalCodeFormat: {
      pattern: /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/,
      example: "28013",
    },
  },
  JP: {
    postalCode: "required",
    region: "required",
    postalCodeFormat: {
      pattern: /^(\d{3})[ -]?(\d{4})$/,
      example: "100-0001",
      format: joined("-"),
    },
  },
  CN: {
    postalCode: "required",
    region: "required",
    postalCodeFormat: { pattern: /^\d{6}$/, example: "100000" },
  },
  AU: {
    postalCode: "required",
    region: "required",
    postalCodeFormat: { pattern: /^\d{4}$/, example: "2000" },
    regionCodes: { codes: AU_STATES, example: "NSW" },
  },
  BR: {
    postalCode: "required",
    region: "required",
    postalCodeFormat: {
      pattern: /^(\d{5})-?(\d{3})$/,
      example: "01310-100",
      format: joined("-"),
    },
  },
  IN: {
    postalCode: "required",
    region: "required",
    // A PIN never starts with 0; "110 001" is a common way to write it.
    postalCodeFormat: {
      pattern: /^([1-9]\d{2}) ?(\d{3})$/,
      example: "110001",
      format: joined(""),
    },
  },
  ...Object.fromEntries(
    [...WITHOUT_POSTAL_CODES].map((country) => [
      country,
      { postalCode: "none", region: "optional" } satisfies CountryRule,
    ]),
  ),
};

/** The rule for `country` (an uppercase ISO code), or the default one. */
export function countryRule(country: string): CountryRule {
  return Object.hasOwn(COUNTRY_RULES, country)
    ? COUNTRY_RULES[country]
    : DEFAULT_COUNTRY_RULE;
}
