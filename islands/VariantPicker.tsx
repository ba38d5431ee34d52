import { useSignal } from "@preact/signals";
import { type VariantChoice, VariantSummary } from "./_VariantSummary.tsx";
import AddToCart, { type AddToCartSettings } from "./AddToCart.tsx";

/** An option (colour, size) with its values, labels already translated. */
export interface VariantOption {
  code: string;
  label: string;
  values: { value: string; label: string }[];
}

/** Props of {@link VariantPicker}: small, serializable, translated. */
export interface VariantPickerProps {
  options: VariantOption[];
  variants: VariantChoice[];
  /** The id of the variant shown first. */
  selected: string;
  skuLabel: string;
  /** Quantity and "Add to cart" for the chosen variant, when given. */
  cart?: AddToCartSettings;
}

function matches(variant: VariantChoice, choice: Record<string, string>) {
  return Object.entries(choice).every(([code, value]) =>
    variant.options[code] === value
  );
}

/**
 * Choose a product's options and see that variant's price, stock and SKU.
 * Picking a value that does not combine with the others switches to the
 * closest variant that has it (in stock first), so a choice never leads
 * nowhere; values that would are struck through. The chosen variant goes
 * into the URL (`?variant=`), which the server reads on reload. With
 * `cart`, the chosen variant can be added to the cart.
 */
export default function VariantPicker(props: VariantPickerProps) {
  const { variants } = props;
  const current = useSignal(
    variants.find((v) => v.id === props.selected) ?? variants[0],
  );
  const variant = current.value;

  function choose(code: string, value: string) {
    const wanted = { ...variant.options, [code]: value };
    const candidates = variants.filter((v) => v.options[code] === value);
    const next = candidates.find((v) => matches(v, wanted)) ??
      candidates.find((v) => v.status !== "out_of_stock") ?? candidates[0];
    if (!next) return;
    current.value = next;
    const url = new URL(location.href);
    url.searchParams.set("variant", next.id);
    history.replaceState(history.state, "", url);
  }

  // A value is "off" when, with the other choices kept, no variant in stock
  // has it.
  function off(code: string, value: string): boolean {
    const wanted = { ...variant.options, [code]: value };
    return !variants.some((v) =>
      matches(v, wanted) && v.status !== "out_of_stock"
    );
  }

  return (
    <div data-testid="variant-picker" class="space-y-5">
      {props.options.map((option) => {
        const chosen = option.values.find((v) =>
          v.value === variant.options[option.code]
        );
        return (
          <fieldset key={option.code} data-option={option.code}>
            <legend class="flex gap-2 text-sm">
              <span class="font-medium text-gray-900">{option.label}</span>
              <span data-testid="option-chosen" class="text-gray-500">
                {chosen?.label}
              </span>
            </legend>
            <div class="mt-2 flex flex-wrap gap-2">
              {option.values.map(({ value, label }) => (
                <label key={value} class="cursor-pointer">
                  <input
                    type="radio"
                    name={`variant-${option.code}`}
                    value={value}
                    checked={variant.options[option.code] === value}
                    onChange={() =>
                      choose(option.code, value)}
                    class="peer sr-only"
                  />
                  <span
                    data-off={off(option.code, value) ? "" : undefined}
                    class="block rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:border-indigo-400 peer-checked:border-indigo-600 peer-checked:bg-indigo-600 peer-checked:text-white peer-focus-visible:ring-2 peer-focus-visible:ring-indigo-500 peer-focus-visible:ring-offset-2 data-[off]:line-through data-[off]:text-gray-400 peer-checked:data-[off]:text-indigo-100"
                  >
                    {label}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <VariantSummary variant={variant} skuLabel={props.skuLabel} />
      {props.cart && (
        <AddToCart
          key={variant.id}
          {...props.cart}
          variantId={variant.id}
          soldOut={variant.status === "out_of_stock"}
        />
      )}
    </div>
  );
}
