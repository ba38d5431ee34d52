import {
  ADDRESS_TYPES,
  addressFieldLabel,
} from "../../commerce/identity/addresses/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import { countryOptions } from "./countries.ts";
import { CsrfField } from "./CsrfField.tsx";
import { Field } from "./Field.tsx";
import { SubmitButton } from "./SubmitButton.tsx";

/** The text fields of the address form, in form order. */
const TEXT_FIELDS = [
  { name: "name", autocomplete: "name", required: true, max: 100 },
  { name: "company", autocomplete: "organization", required: false, max: 100 },
  { name: "line1", autocomplete: "address-line1", required: true, max: 200 },
  { name: "line2", autocomplete: "address-line2", required: false, max: 200 },
  { name: "city", autocomplete: "address-level2", required: true, max: 100 },
  { name: "region", autocomplete: "address-level1", required: false, max: 100 },
  {
    name: "postalCode",
    autocomplete: "postal-code",
    required: false,
    max: 20,
  },
] as const;

const SELECT =
  "mt-1 block w-full rounded-md border bg-white px-3 py-2 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500";

/**
 * The "add an address" form, a plain POST with `intent=add`. `values` are
 * what the shopper typed (kept after an error); `errors` are already
 * translated messages per field, shown next to it.
 */
export function AddressForm(
  { t, language, action, csrf, values, errors }: {
    t: Translate;
    language: string;
    action: string;
    csrf: string;
    values: Record<string, string>;
    errors: Record<string, string[]>;
  },
) {
  const country = values.country || "";
  const label = (field: string) =>
    addressFieldLabel(t, field, country || undefined);
  return (
    <form method="post" action={action} novalidate data-testid="address-form">
      <CsrfField token={csrf} />
      <SelectField
        name="type"
        label={label("type")}
        errors={errors.type}
        options={ADDRESS_TYPES.map((type) => ({
          value: type,
          label: t(`address.types.${type}`),
        }))}
        value={values.type || "shipping"}
      />
      <div class="mb-4 flex items-center gap-2">
        <input
          id="isDefault"
          name="isDefault"
          type="checkbox"
          value="on"
          checked={values.isDefault === "on"}
          class="h-4 w-4 rounded border-gray-300"
        />
        <label for="isDefault" class="text-sm text-gray-800">
          {label("isDefault")}
        </label>
      </div>
      {TEXT_FIELDS.map((field) => (
        <Field
          key={field.name}
          name={field.name}
          label={label(field.name)}
          value={values[field.name] ?? ""}
          errors={errors[field.name]}
          autocomplete={field.autocomplete}
          required={field.required}
          maxLength={field.max}
        />
      ))}
      <SelectField
        name="country"
        label={label("country")}
        errors={errors.country}
        autocomplete="country"
        options={[
          { value: "", label: t("account.addresses.chooseCountry") },
          ...countryOptions(language).map((option) => ({
            value: option.code,
            label: option.name,
          })),
        ]}
        value={country}
      />
      <Field
        name="phone"
        type="tel"
        label={label("phone")}
        value={values.phone ?? ""}
        errors={errors.phone}
        autocomplete="tel"
        maxLength={30}
      />
      <SubmitButton name="intent" value="add">
        {t("account.addresses.add")}
      </SubmitButton>
    </form>
  );
}

function SelectField(
  props: {
    name: string;
    label: string;
    value: string;
    options: { value: string; label: string }[];
    errors?: string[];
    autocomplete?: string;
  },
) {
  const { name, errors = [] } = props;
  const errorId = `${name}-error`;
  return (
    <div class="mb-4">
      <label for={name} class="block text-sm font-medium text-gray-800">
        {props.label}
      </label>
      <select
        id={name}
        name={name}
        autocomplete={props.autocomplete}
        aria-invalid={errors.length > 0 ? "true" : undefined}
        aria-describedby={errors.length > 0 ? errorId : undefined}
        class={`${SELECT} ${
          errors.length > 0 ? "border-red-500" : "border-gray-300"
        }`}
      >
        {props.options.map((option) => (
          <option
            key={option.value}
            value={option.value}
            selected={option.value === props.value}
          >
            {option.label}
          </option>
        ))}
      </select>
      {errors.length > 0 && (
        <ul id={errorId} class="mt-1 text-sm text-red-700" data-field-error>
          {errors.map((message) => <li key={message}>{message}</li>)}
        </ul>
      )}
    </div>
  );
}
