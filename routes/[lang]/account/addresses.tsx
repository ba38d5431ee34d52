import {
  addAddress,
  AddressBookFull,
  type AddressProblem,
  type AddressRecord,
  deleteAddress,
  InvalidAddress,
  listAddresses,
} from "../../../commerce/identity/mod.ts";
import { AddressForm } from "../../../components/account/AddressForm.tsx";
import { AddressList } from "../../../components/account/AddressList.tsx";
import { AuthCard } from "../../../components/account/AuthCard.tsx";
import { Notice } from "../../../components/account/Notice.tsx";
import { endSession } from "../../../edge/auth/session.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import type { AppContext } from "../../../edge/env.ts";
import { NotFound } from "../../../edge/errors.ts";
import {
  accountHead,
  accountPath,
  type FormData,
  formData,
  noStore,
  readForm,
  seeOther,
} from "./_form.ts";

/** The address book works without JavaScript. */
export const staticPage = true;

/** The fields the add form posts, in form order. */
const ADDRESS_FIELDS = [
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
] as const;

type AddressesData = FormData & {
  addresses: AddressRecord[];
  /** Problems of the address as a whole, or of the book (it is full). */
  formErrors: string[];
  notice?: "added" | "deleted";
};

/**
 * `/{lang}/account/addresses`: the signed-in shopper's address book
 * (anonymous visitors are sent to sign in). Lists the addresses, adds one
 * (`intent=add`; invalid input comes back with a message per field) and
 * deletes one (`intent=delete`, only the shopper's own).
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  async GET(c, page) {
    const addresses = await currentAddresses(c);
    if (!addresses) return toSignin(c);
    const notice = c.req.query("done");
    return noStore(page.render(
      {
        ...formData(c),
        addresses,
        formErrors: [],
        notice: notice === "added" || notice === "deleted" ? notice : undefined,
      } satisfies AddressesData,
    ));
  },
  async POST(c, page) {
    const user = c.var.user;
    if (!user) return toSignin(c);
    const form = await readForm(c);
    const sql = c.var.db.sql;
    if (form.intent === "delete") {
      try {
        await deleteAddress(sql, {
          userId: user.id,
          addressId: form.addressId ?? "",
        });
      } catch (error) {
        // Someone else's (or an unknown) id: nothing to delete, and the
        // page does not say whether it exists.
        if (error instanceof NotFound) {
          return seeOther(c, accountPath(c, "addresses"));
        }
        throw error;
      }
      return seeOther(c, `${accountPath(c, "addresses")}?done=deleted`);
    }
    const values: Record<string, string> = {};
    for (const field of ADDRESS_FIELDS) values[field] = form[field] ?? "";
    try {
      await addAddress(sql, {
        userId: user.id,
        input: { ...values, isDefault: values.isDefault === "on" },
        t: c.var.t,
      });
    } catch (error) {
      if (error instanceof InvalidAddress || error instanceof AddressBookFull) {
        const addresses = await currentAddresses(c);
        if (!addresses) return toSignin(c);
        const { errors, formErrors } = error instanceof InvalidAddress
          ? problemsByField(error.details as AddressProblem[])
          : {
            errors: {},
            formErrors: [c.var.t("account.addresses.full")],
          };
        return noStore(page.render(
          {
            ...formData(c, { values, errors }),
            addresses,
            formErrors,
          } satisfies AddressesData,
          { status: error instanceof InvalidAddress ? 400 : 409 },
        ));
      }
      if (error instanceof NotFound) return toSignin(c);
      throw error;
    }
    return seeOther(c, `${accountPath(c, "addresses")}?done=added`);
  },
};

/** The localized messages of an invalid address, by form field. */
function problemsByField(problems: readonly AddressProblem[]) {
  const errors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const problem of problems) {
    if ((ADDRESS_FIELDS as readonly string[]).includes(problem.field)) {
      (errors[problem.field] ??= []).push(problem.message);
    } else formErrors.push(problem.message);
  }
  return { errors, formErrors };
}

/** The signed-in user's addresses, or nothing (anonymous, account gone). */
async function currentAddresses(c: AppContext) {
  const user = c.var.user;
  if (!user) return undefined;
  try {
    return await listAddresses(c.var.db.sql, user.id);
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    endSession(c);
    return undefined;
  }
}

function toSignin(c: AppContext): Response {
  return seeOther(c, accountPath(c, "signin"));
}

/** Title "<page> · <store>"; account pages stay out of search indexes. */
export const head = accountHead("addresses");

/** The address book: the saved addresses, then the form to add one. */
export default function Addresses(
  { data, state, url }: PageProps<AddressesData>,
) {
  const { t, locale } = state;
  const action = url.pathname;
  return (
    <AuthCard
      title={t("account.addresses.title")}
      intro={t("account.addresses.intro")}
    >
      {data.notice && (
        <Notice tone="success" testId={`address-${data.notice}`}>
          {t(`account.addresses.${data.notice}`)}
        </Notice>
      )}
      <AddressList
        addresses={data.addresses}
        t={t}
        language={locale.language}
        action={action}
        csrf={data.csrf}
      />
      <h2 class="mb-3 text-lg font-semibold">
        {t("account.addresses.addTitle")}
      </h2>
      {data.formErrors.length > 0 && (
        <Notice tone="error" testId="address-error">
          {data.formErrors.map((message) => <p key={message}>{message}</p>)}
        </Notice>
      )}
      <AddressForm
        t={t}
        language={locale.language}
        action={action}
        csrf={data.csrf}
        values={data.values}
        errors={data.errors}
      />
      <p class="mt-6 text-sm">
        <a
          href={`/${locale.language}/account`}
          class="text-indigo-600 hover:underline"
        >
          {t("account.home.back")}
        </a>
      </p>
    </AuthCard>
  );
}
