import { FieldError } from "./_FieldError.tsx";

/** An address as the checkout form holds it: every field a string. */
export interface AddressValues {
  name: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
}

/** The field names of {@link AddressValues}, in form order. */
export type AddressField = keyof AddressValues;

/** A country the form offers, with what its addresses need and call things. */
export interface CountryChoice {
  code: string;
  /** In the page's language. */
  name: string;
  postalCode: "required" | "optional" | "none";
  region: "required" | "optional";
  /** "ZIP code" and "State" in the US, "Prefecture" in Japan... */
  labels: { city: string; region: string; postalCode: string };
}

/** The country-independent texts of the address fields. */
export interface AddressLabels {
  name: string;
  company: string;
  line1: string;
  line2: string;
  phone: string;
  country: string;
  chooseCountry: string;
  /** "(optional)" after a label. */
  optional: string;
}

/** An empty address in `country`. */
export function emptyAddress(country = ""): AddressValues {
  return {
    name: "",
    company: "",
    line1: "",
    line2: "",
    city: "",
    region: "",
    postalCode: "",
    country,
    phone: "",
  };
}

const INPUT =
  "mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-gray-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 aria-[invalid]:border-red-500";

/** Whether a field must be filled in for an address in `country`. */
export function isRequired(field: AddressField, country?: CountryChoice) {
  switch (field) {
    case "name":
    case "line1":
    case "city":
    case "country":
      return true;
    case "region":
      return country?.region === "required";
    case "postalCode":
      return country?.postalCode === "required";
    default:
      return false;
  }
}

/** The label of a field for an address in `country`. */
export function fieldLabel(
  field: AddressField,
  labels: AddressLabels,
  country?: CountryChoice,
): string {
  switch (field) {
    case "city":
    case "region":
    case "postalCode":
      return country?.labels[field] ?? field;
    case "country":
      return labels.country;
    default:
      return labels[field];
  }
}

/**
 * The fields of a shipping or billing address, labelled and required the
 * way the chosen country does it (no postal code where there is none),
 * each with its error beside it. Used by the checkout island (the `_`
 * keeps it out of the island entries).
 */
export function AddressFields(
  props: {
    /** `shipping` or `billing`: ids, autocomplete sections, test ids. */
    section: "shipping" | "billing";
    values: AddressValues;
    countries: CountryChoice[];
    labels: AddressLabels;
    errors: Partial<Record<AddressField, string>>;
    disabled?: boolean;
    onInput(field: AddressField, value: string): void;
    /** After the country or the region changed (the quote depends on them). */
    onDestination?(): void;
  },
) {
  const { section, values, labels, errors } = props;
  const country = props.countries.find((c) => c.code === values.country);

  function field(
    name: AddressField,
    autocomplete: string,
    options: { type?: string; wide?: boolean } = {},
  ) {
    const id = `${section}-${name}`;
    const error = errors[name];
    const required = isRequired(name, country);
    return (
      <div class={options.wide ? "sm:col-span-2" : ""}>
        <label for={id} class="block text-sm font-medium text-gray-800">
          {fieldLabel(name, labels, country)}
          {!required && (
            <span class="font-normal text-gray-500">
              {" "}
              {labels.optional}
            </span>
          )}
        </label>
        <input
          id={id}
          name={`${section}.${name}`}
          type={options.type ?? "text"}
          value={values[name]}
          required={required}
          disabled={props.disabled}
          autocomplete={`section-${section} ${section} ${autocomplete}`}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(event) => props.onInput(name, event.currentTarget.value)}
          onChange={name === "region"
            ? () => props.onDestination?.()
            : undefined}
          class={INPUT}
        />
        <FieldError id={id} error={error} />
      </div>
    );
  }

  const countryId = `${section}-country`;
  return (
    <div
      class="grid gap-4 sm:grid-cols-2"
      data-testid={`${section}-address`}
    >
      <div class="sm:col-span-2">
        <label for={countryId} class="block text-sm font-medium text-gray-800">
          {labels.country}
        </label>
        <select
          id={countryId}
          name={`${section}.country`}
          value={values.country}
          disabled={props.disabled}
          autocomplete={`section-${section} ${section} country`}
          aria-invalid={errors.country ? "true" : undefined}
          aria-describedby={errors.country ? `${countryId}-error` : undefined}
          onChange={(event) => {
            props.onInput("country", event.currentTarget.value);
            props.onDestination?.();
          }}
          class={INPUT}
        >
          <option value="">{labels.chooseCountry}</option>
          {props.countries.map((choice) => (
            <option key={choice.code} value={choice.code}>{choice.name}</option>
          ))}
        </select>
        <p
          id={`${countryId}-error`}
          hidden={!errors.country}
          class="mt-1 text-sm text-red-700"
        >
          {errors.country}
        </p>
      </div>
      {field("name", "name", { wide: true })}
      {field("company", "organization", { wide: true })}
      {field("line1", "address-line1", { wide: true })}
      {field("line2", "address-line2", { wide: true })}
      {country?.postalCode !== "none" && field("postalCode", "postal-code")}
      {field("city", "address-level2")}
      {field("region", "address-level1")}
      {field("phone", "tel", { type: "tel" })}
    </div>
  );
}
