import { FieldError } from "./_FieldError.tsx";

/** A card as the shopper types it. */
export interface CardValues {
  number: string;
  /** "MM/YY". */
  expiry: string;
  cvc: string;
}

/** The texts of {@link CardFields} and of its checks. */
export interface CardLabels {
  number: string;
  expiry: string;
  /** "MM/YY". */
  expiryPlaceholder: string;
  cvc: string;
  /** The test cards, shown in test mode. */
  testHint: string;
  invalidNumber: string;
  invalidExpiry: string;
  invalidCvc: string;
}

/** The card as the test gateway takes it. */
export interface CardMethod {
  type: "card";
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** A field of a card with its error. */
export type CardErrors = Partial<Record<keyof CardValues, string>>;

/** An empty card. */
export function emptyCard(): CardValues {
  return { number: "", expiry: "", cvc: "" };
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Check a typed card: a number of 12 to 19 digits passing the Luhn check,
 * an expiry "MM/YY" (or "MM/YYYY") and a CVC of 3 or 4 digits. Returns the
 * method to send, or the errors per field. An expired date is left to the
 * gateway, which declines it as a real one would.
 */
export function readCard(
  card: CardValues,
  labels: CardLabels,
): { method: CardMethod } | { errors: CardErrors } {
  const errors: CardErrors = {};
  const number = card.number.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(number) || !luhn(number)) {
    errors.number = labels.invalidNumber;
  }
  const expiry = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(card.expiry);
  const month = expiry ? Number(expiry[1]) : 0;
  if (!expiry || month < 1 || month > 12) errors.expiry = labels.invalidExpiry;
  if (!/^\d{3,4}$/.test(card.cvc.trim())) errors.cvc = labels.invalidCvc;
  if (Object.keys(errors).length > 0 || !expiry) return { errors };
  const year = Number(expiry[2]);
  return {
    method: {
      type: "card",
      number,
      expMonth: month,
      expYear: year < 100 ? 2000 + year : year,
      cvc: card.cvc.trim(),
    },
  };
}

const INPUT =
  "mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 font-mono text-gray-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 aria-[invalid]:border-red-500";

/**
 * Card number, expiry and CVC for the test gateway, with the test cards as
 * a hint. Shared by the checkout and the order page's "Pay now" (the `_`
 * keeps it out of the island entries).
 */
export function CardFields(
  props: {
    values: CardValues;
    labels: CardLabels;
    errors: CardErrors;
    disabled?: boolean;
    onInput(field: keyof CardValues, value: string): void;
  },
) {
  const { values, labels, errors } = props;
  function field(
    name: keyof CardValues,
    options: {
      label: string;
      autocomplete: string;
      placeholder?: string;
      maxLength: number;
      wide?: boolean;
    },
  ) {
    const id = `card-${name}`;
    const error = errors[name];
    return (
      <div class={options.wide ? "col-span-2" : ""}>
        <label for={id} class="block text-sm font-medium text-gray-800">
          {options.label}
        </label>
        <input
          id={id}
          name={`card.${name}`}
          type="text"
          inputMode="numeric"
          dir="ltr"
          autocomplete={options.autocomplete}
          placeholder={options.placeholder}
          maxLength={options.maxLength}
          value={values[name]}
          disabled={props.disabled}
          required
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(event) => props.onInput(name, event.currentTarget.value)}
          class={INPUT}
        />
        <FieldError id={id} error={error} />
      </div>
    );
  }
  return (
    <div class="grid grid-cols-2 gap-4" data-testid="card-fields">
      {field("number", {
        label: labels.number,
        autocomplete: "cc-number",
        placeholder: "1234 1234 1234 1234",
        maxLength: 23,
        wide: true,
      })}
      {field("expiry", {
        label: labels.expiry,
        autocomplete: "cc-exp",
        placeholder: labels.expiryPlaceholder,
        maxLength: 7,
      })}
      {field("cvc", {
        label: labels.cvc,
        autocomplete: "cc-csc",
        maxLength: 4,
      })}
      <p
        data-testid="test-cards"
        class="col-span-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-inset ring-amber-600/20"
      >
        {labels.testHint}
      </p>
    </div>
  );
}
