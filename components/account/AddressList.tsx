import type { AddressRecord } from "../../commerce/identity/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import { countryName } from "./countries.ts";
import { CsrfField } from "./CsrfField.tsx";

/** The lines of an address as a label shows them, blanks left out. */
export function addressLines(
  address: AddressRecord,
  language: string,
): string[] {
  const cityLine = [address.postalCode, address.city].filter(Boolean)
    .join(" ");
  return [
    address.name,
    address.company,
    address.line1,
    address.line2,
    cityLine,
    address.region,
    countryName(address.country, language),
    address.phone,
  ].filter((line): line is string => Boolean(line));
}

/**
 * The address book as cards: type, a default badge, the formatted lines
 * and a delete button (a small POST form with `intent=delete`).
 */
export function AddressList(
  { addresses, t, language, action, csrf }: {
    addresses: readonly AddressRecord[];
    t: Translate;
    language: string;
    action: string;
    csrf: string;
  },
) {
  if (addresses.length === 0) {
    return (
      <p class="mb-6 text-gray-600" data-testid="addresses-empty">
        {t("account.addresses.empty")}
      </p>
    );
  }
  return (
    <ul class="mb-8 flex flex-col gap-4" data-testid="address-list">
      {addresses.map((address) => (
        <li
          key={address.id}
          class="rounded-lg border border-gray-200 p-4"
          data-testid="address"
          data-address-id={address.id}
        >
          <p class="mb-2 flex flex-wrap items-center gap-2 text-sm font-semibold">
            {t(`address.types.${address.type}`)}
            {address.isDefault && (
              <span class="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800">
                {t("account.addresses.defaultBadge")}
              </span>
            )}
          </p>
          <address class="text-sm not-italic text-gray-800">
            {addressLines(address, language).map((line, index) => (
              <span key={index} class="block">{line}</span>
            ))}
          </address>
          <form method="post" action={action} class="mt-3">
            <CsrfField token={csrf} />
            <input type="hidden" name="addressId" value={address.id} />
            <button
              type="submit"
              name="intent"
              value="delete"
              class="text-sm font-medium text-red-700 hover:underline"
            >
              {t("account.addresses.delete")}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}
