import assert from "node:assert/strict";
import { LANGUAGES } from "../../localization/mod.ts";
import { translator } from "../../../edge/i18n.ts";
import {
  type Address,
  type AddressError,
  type AddressErrorCode,
  addressErrorMessage,
  addressFieldLabel,
  AddressInput,
  COUNTRY_RULES,
  validateAddress,
} from "./mod.ts";

function input(
  country: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: "shipping",
    name: "Ada Lovelace",
    line1: "1 Main Street",
    city: "Springfield",
    country,
    ...fields,
  };
}

function valid(value: unknown): Address {
  const result = validateAddress(value);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.address;
}

function errors(value: unknown): AddressError[] {
  const result = validateAddress(value);
  assert.ok(!result.ok, `expected errors for ${JSON.stringify(value)}`);
  return result.errors;
}

// One valid address per country, as typed and as stored.
const VALID: {
  country: string;
  region?: string;
  postalCode?: string;
  expect: { region?: string; postalCode?: string };
}[] = [
  {
    country: "US",
    region: "ca",
    postalCode: "94103",
    expect: { region: "CA", postalCode: "94103" },
  },
  {
    country: "US",
    region: "DC",
    postalCode: "20500 0003",
    expect: { region: "DC", postalCode: "20500-0003" },
  },
  {
    country: "CA",
    region: "on",
    postalCode: "k1a0b1",
    expect: { region: "ON", postalCode: "K1A 0B1" },
  },
  {
    country: "GB",
    postalCode: "sw1a1aa",
    expect: { postalCode: "SW1A 1AA" },
  },
  {
    country: "GB",
    region: "Greater Manchester",
    postalCode: "M1   1AE",
    expect: { region: "Greater Manchester", postalCode: "M1 1AE" },
  },
  { country: "GB", postalCode: "gir0aa", expect: { postalCode: "GIR 0AA" } },
  { country: "DE", postalCode: "10115", expect: { postalCode: "10115" } },
  { country: "FR", postalCode: " 75008 ", expect: { postalCode: "75008" } },
  { country: "ES", postalCode: "28013", expect: { postalCode: "28013" } },
  {
    country: "JP",
    region: "東京都",
    postalCode: "1000001",
    expect: { region: "東京都", postalCode: "100-0001" },
  },
  {
    // Full-width digits and hyphen, as Japanese keyboards type them.
    country: "JP",
    region: "Osaka",
    postalCode: "５３０－０００１",
    expect: { region: "Osaka", postalCode: "530-0001" },
  },
  {
    country: "CN",
    region: "北京市",
    postalCode: "100000",
    expect: { region: "北京市", postalCode: "100000" },
  },
  {
    country: "AU",
    region: "nsw",
    postalCode: "2000",
    expect: { region: "NSW", postalCode: "2000" },
  },
  {
    country: "BR",
    region: "SP",
    postalCode: "01310100",
    expect: { region: "SP", postalCode: "01310-100" },
  },
  {
    country: "IN",
    region: "Delhi",
    postalCode: "110 001",
    expect: { region: "Delhi", postalCode: "110001" },
  },
  { country: "IE", postalCode: "d02x285", expect: { postalCode: "D02 X285" } },
  { country: "IE", expect: {} },
  { country: "AE", region: "Dubai", expect: { region: "Dubai" } },
  { country: "HK", expect: {} },
  // Without an entry: kept as typed, nothing required.
  { country: "NL", postalCode: "1012 ab", expect: { postalCode: "1012 ab" } },
];

for (const { country, region, postalCode, expect } of VALID) {
  Deno.test(
    `validateAddress() accepts ${country} ${
      postalCode ?? "without postal code"
    } and stores ${expect.postalCode ?? "none"}`,
    () => {
      const address = valid(input(country, { region, postalCode }));
      assert.equal(address.country, country);
      assert.equal(address.region, expect.region);
      assert.equal(address.postalCode, expect.postalCode);
    },
  );
}

// A malformed postal code per country, with the example its message shows.
const INVALID_POSTAL: [string, string, string][] = [
  ["US", "9410", "12345"],
  ["US", "94103-12", "12345"],
  ["CA", "D1A 0B1", "K1A 0B1"],
  ["CA", "K1A 0B", "K1A 0B1"],
  ["GB", "GIR 1AA", "SW1A 1AA"],
  ["GB", "SW1A 1CA", "SW1A 1AA"],
  ["GB", "12345", "SW1A 1AA"],
  ["DE", "1011", "10115"],
  ["DE", "00123", "10115"],
  ["FR", "7500A", "75008"],
  ["ES", "53001", "28013"],
  ["ES", "00123", "28013"],
  ["JP", "100-001", "100-0001"],
  ["CN", "10000", "100000"],
  ["AU", "20000", "2000"],
  ["BR", "01310-10", "01310-100"],
  ["IN", "011001", "110001"],
  ["IE", "D02 X28", "D02 X285"],
];

for (const [country, postalCode, example] of INVALID_POSTAL) {
  Deno.test(`validateAddress() rejects postal code '${postalCode}' in ${country}`, () => {
    const region = COUNTRY_RULES[country].regionCodes?.example ?? "Somewhere";
    assert.deepEqual(errors(input(country, { region, postalCode })), [{
      field: "postalCode",
      code: "invalid_postal_code",
      params: { example, country },
    }]);
  });
}

const INVALID_REGION: [string, string, string][] = [
  ["US", "XX", "CA"],
  ["US", "California", "CA"],
  ["CA", "QB", "ON"],
  ["AU", "NS", "NSW"],
];

for (const [country, region, example] of INVALID_REGION) {
  Deno.test(`validateAddress() rejects region '${region}' in ${country}`, () => {
    const postalCode = COUNTRY_RULES[country].postalCodeFormat!.example;
    assert.deepEqual(errors(input(country, { region, postalCode })), [{
      field: "region",
      code: "invalid_region",
      params: { example, country },
    }]);
  });
}

// What each country requires beyond the universal fields.
const REQUIRED: [string, string[]][] = [
  ["US", ["region", "postalCode"]],
  ["CA", ["region", "postalCode"]],
  ["GB", ["postalCode"]],
  ["DE", ["postalCode"]],
  ["FR", ["postalCode"]],
  ["ES", ["postalCode"]],
  ["JP", ["region", "postalCode"]],
  ["CN", ["region", "postalCode"]],
  ["AU", ["region", "postalCode"]],
  ["BR", ["region", "postalCode"]],
  ["IN", ["region", "postalCode"]],
  ["IE", []],
  ["AE", []],
  ["HK", []],
];

for (const [country, fields] of REQUIRED) {
  Deno.test(
    `validateAddress() requires ${
      fields.join(" and ") || "no region or postal code"
    } in ${country}`,
    () => {
      // Blank and null count as missing: forms post empty strings.
      const result = validateAddress(
        input(country, { region: "  ", postalCode: null }),
      );
      if (fields.length === 0) {
        assert.ok(result.ok);
        return;
      }
      assert.deepEqual(
        !result.ok && result.errors,
        fields.map((field) => ({
          field,
          code: "required",
          params: { country },
        })),
      );
    },
  );
}

Deno.test("validateAddress() requires the universal fields", () => {
  assert.deepEqual(errors({ country: "DE", postalCode: "10115" }), [
    { field: "type", code: "required" },
    { field: "name", code: "required" },
    { field: "line1", code: "required" },
    { field: "city", code: "required", params: { country: "DE" } },
  ]);
  assert.deepEqual(errors({}), [
    { field: "type", code: "required" },
    { field: "name", code: "required" },
    { field: "line1", code: "required" },
    { field: "city", code: "required" },
    { field: "country", code: "required" },
  ]);
});

Deno.test("validateAddress() reports country rules with the shape errors", () => {
  assert.deepEqual(
    errors(input("US", { name: "", region: "Texas", postalCode: "abc" })),
    [
      { field: "name", code: "required" },
      {
        field: "region",
        code: "invalid_region",
        params: { example: "CA", country: "US" },
      },
      {
        field: "postalCode",
        code: "invalid_postal_code",
        params: { example: "12345", country: "US" },
      },
    ],
  );
});

Deno.test("validateAddress() rejects unknown and malformed country codes", () => {
  for (const country of ["XX", "EU", "UN", "XK", "USA", "", "D E"]) {
    assert.deepEqual(errors(input(country)), [
      { field: "country", code: "invalid_country" },
    ], country);
  }
  assert.deepEqual(errors(input("DE", { country: 49 })), [
    { field: "country", code: "invalid" },
  ]);
});

Deno.test("validateAddress() uppercases a lowercase country code", () => {
  assert.equal(valid(input("de", { postalCode: "10115" })).country, "DE");
});

Deno.test("validateAddress() rejects fields it does not know (strict)", () => {
  assert.deepEqual(
    errors(input("DE", { postalCode: "10115", zip: "10115", admin: true })),
    [
      { field: "zip", code: "unknown_field" },
      { field: "admin", code: "unknown_field" },
    ],
  );
});

Deno.test("validateAddress() treats null as missing only where a field is required", () => {
  assert.deepEqual(
    errors(input("DE", { name: null, isDefault: null, postalCode: "10115" })),
    [
      { field: "isDefault", code: "invalid" },
      { field: "name", code: "required" },
    ],
  );
});

Deno.test("validateAddress() rejects input that is not an object", () => {
  for (const value of [null, "1 Main Street", [], 42]) {
    assert.deepEqual(errors(value), [{ field: "", code: "invalid" }]);
  }
});

Deno.test("validateAddress() trims text, drops blank optional fields and defaults isDefault", () => {
  const address = valid(input("FR", {
    type: "billing",
    name: "  Marie Curie ",
    company: "",
    line2: null,
    postalCode: "75005",
  }));
  assert.deepEqual(address, {
    type: "billing",
    isDefault: false,
    name: "Marie Curie",
    line1: "1 Main Street",
    city: "Springfield",
    postalCode: "75005",
    country: "FR",
  });
  assert.equal(
    valid(input("FR", { postalCode: "75005", isDefault: true })).isDefault,
    true,
  );
});

Deno.test("validateAddress() rejects a wrong type, a wrong isDefault and long text", () => {
  assert.deepEqual(
    errors(input("DE", {
      type: "home",
      isDefault: "yes",
      name: "x".repeat(101),
      line2: "y".repeat(201),
      postalCode: "10115",
    })),
    [
      { field: "type", code: "invalid" },
      { field: "isDefault", code: "invalid" },
      { field: "name", code: "too_long", params: { max: "100" } },
      { field: "line2", code: "too_long", params: { max: "200" } },
    ],
  );
  assert.ok(
    validateAddress(input("DE", {
      name: "x".repeat(100),
      line1: "y".repeat(200),
      postalCode: "10115",
    })).ok,
  );
});

Deno.test("validateAddress() accepts lenient phone numbers and rejects others", () => {
  for (const phone of ["+1 (202) 555-0143", "030 123456", "+81312345678"]) {
    assert.equal(
      valid(input("DE", { phone, postalCode: "10115" })).phone,
      phone,
    );
  }
  // Full-width digits and hyphens fold to ASCII.
  assert.equal(
    valid(input("JP", {
      phone: "０３－１２３４－５６７８",
      region: "東京都",
      postalCode: "100-0001",
    })).phone,
    "03-1234-5678",
  );
  for (
    const phone of [
      "12345",
      "call me",
      "1+2345678",
      "+123 456 789 012 345 678 901",
    ]
  ) {
    assert.deepEqual(errors(input("DE", { phone, postalCode: "10115" })), [
      {
        field: "phone",
        code: "invalid_phone",
        params: { example: "+1 202 555 0143" },
      },
    ], phone);
  }
});

Deno.test("every COUNTRY_RULES example passes its own rule unchanged", () => {
  for (const [country, rule] of Object.entries(COUNTRY_RULES)) {
    const postalCode = rule.postalCodeFormat?.example;
    const region = rule.regionCodes?.example ??
      (rule.region === "required" ? "Somewhere" : undefined);
    const address = valid(input(country, { region, postalCode }));
    assert.equal(address.postalCode, postalCode, country);
    assert.equal(address.region, region, country);
  }
});

Deno.test("AddressInput parses and normalizes like validateAddress", () => {
  const address = AddressInput.parse(
    input("CA", { region: "qc", postalCode: "h2x 1y4" }),
  );
  assert.equal(address.region, "QC");
  assert.equal(address.postalCode, "H2X 1Y4");
  const failed = AddressInput.safeParse(input("JP", { postalCode: "12" }));
  assert.ok(!failed.success);
  assert.deepEqual(
    failed.error.issues.map((issue) => [
      issue.path.join("."),
      issue.code === "custom" ? issue.params : undefined,
    ]),
    [
      ["region", { code: "required", country: "JP" }],
      [
        "postalCode",
        { code: "invalid_postal_code", example: "100-0001", country: "JP" },
      ],
    ],
  );
});

// Messages

const US_POSTAL: AddressError = {
  field: "postalCode",
  code: "invalid_postal_code",
  params: { example: "12345", country: "US" },
};

Deno.test("addressErrorMessage() names the field as the country does", () => {
  const en = translator("en");
  assert.equal(
    addressErrorMessage(en, US_POSTAL),
    "ZIP code should look like 12345.",
  );
  const [gb] = errors(input("GB", { postalCode: "nope" }));
  assert.equal(
    addressErrorMessage(en, gb),
    "Postcode should look like SW1A 1AA.",
  );
  const [jp] = errors(input("JP", { postalCode: "100-0001" }));
  assert.equal(addressErrorMessage(en, jp), "Prefecture is required.");
  const [de] = errors(input("DE", {}));
  assert.equal(addressErrorMessage(en, de), "Postal code is required.");
  assert.equal(
    addressErrorMessage(en, { field: "zip", code: "unknown_field" }),
    "“zip” is not an address field.",
  );
  assert.equal(
    addressErrorMessage(en, {
      field: "name",
      code: "too_long",
      params: { max: "100" },
    }),
    "Full name can be at most 100 characters long.",
  );
});

Deno.test("addressErrorMessage() reads naturally in de, ja and ar", () => {
  const [de] = errors(input("DE", { postalCode: "1011" }));
  assert.equal(
    addressErrorMessage(translator("de"), de),
    "„Postleitzahl“ hat nicht das richtige Format (Beispiel: 10115).",
  );
  const [ja] = errors(input("JP", { region: "東京都", postalCode: "1000" }));
  assert.equal(
    addressErrorMessage(translator("ja"), ja),
    "郵便番号の形式が正しくありません（例：100-0001）。",
  );
  assert.equal(
    addressErrorMessage(translator("ja"), {
      field: "region",
      code: "required",
      params: { country: "JP" },
    }),
    "都道府県を入力してください。",
  );
  const ar = addressErrorMessage(translator("ar"), US_POSTAL);
  assert.ok(ar.includes("الرمز البريدي (ZIP)"), ar);
  // The Latin example is isolated so it keeps its order inside Arabic text.
  assert.ok(ar.includes("\u206612345\u2069"), ar);
});

const ALL_CODES: AddressError[] = (
  [
    ["type", "required"],
    ["isDefault", "invalid"],
    ["line1", "too_long", { max: "200" }],
    ["zip", "unknown_field"],
    ["country", "invalid_country"],
    ["postalCode", "invalid_postal_code", {
      example: "K1A 0B1",
      country: "CA",
    }],
    ["region", "invalid_region", { example: "NSW", country: "AU" }],
    ["phone", "invalid_phone", { example: "+1 202 555 0143" }],
    ["", "invalid"],
  ] as [string, AddressErrorCode, Record<string, string>?][]
).map(([field, code, params]) => ({ field, code, ...(params && { params }) }));

for (const language of LANGUAGES) {
  Deno.test(`addressErrorMessage() has every message in ${language}`, () => {
    const t = translator(language);
    for (const error of ALL_CODES) {
      const message = addressErrorMessage(t, error);
      assert.ok(!message.includes("address."), `${language}: ${message}`);
      assert.ok(!message.includes("{{"), `${language}: ${message}`);
      for (const [name, value] of Object.entries(error.params ?? {})) {
        if (name !== "country") {
          assert.ok(message.includes(value), `${language}: ${message}`);
        }
      }
    }
  });

  Deno.test(`addressFieldLabel() labels every field for every country in ${language}`, () => {
    const t = translator(language);
    const fields = [
      "",
      "type",
      "isDefault",
      "name",
      "company",
      "line1",
      "line2",
      "city",
      "region",
      "postalCode",
      "country",
      "phone",
    ];
    for (const country of [undefined, ...Object.keys(COUNTRY_RULES), "NL"]) {
      for (const field of fields) {
        const label = addressFieldLabel(t, field, country);
        assert.ok(
          label !== "" && !label.startsWith("address."),
          `${language}: ${field} in ${country}`,
        );
      }
    }
  });
}

Deno.test("addressFieldLabel() returns a key that is not an address field as is", () => {
  assert.equal(addressFieldLabel(translator("de"), "zip"), "zip");
  assert.equal(
    addressFieldLabel(translator("de"), "postalCode", "US"),
    "ZIP-Code",
  );
});
