/**
 * What the account pages share: reading a posted form, field errors as
 * codes the page translates, redirects and the no-store rule of pages that
 * carry a CSRF token or a signed-in user.
 *
 * @module
 */
import type { z } from "zod";
import type { Head, PageProps } from "../../../edge/define.ts";
import type { AppContext } from "../../../edge/env.ts";
import { CSRF_FIELD, csrfToken } from "../../../edge/middleware/csrf.ts";

/** Field errors of a form: codes under `account.errors.*`, per field. */
export type FieldErrors = Record<string, string[]>;

/** What every account form page renders from. */
export interface FormData {
  /** The CSRF token for the hidden `_csrf` field. */
  csrf: string;
  /** What the shopper typed, to show again (never a password). */
  values: Record<string, string>;
  errors: FieldErrors;
}

/** The path of an account page in the request's language. */
export function accountPath(c: AppContext, page = ""): string {
  return `/${c.var.locale.language}/account${page ? `/${page}` : ""}`;
}

/**
 * The posted form's text fields, without the CSRF field (checked by the
 * folder's middleware) and without files.
 */
export async function readForm(c: AppContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name !== CSRF_FIELD && typeof value === "string") fields[name] = value;
  }
  return fields;
}

/** A fresh form state: a CSRF token plus the values and errors given. */
export function formData(
  c: AppContext,
  init: { values?: Record<string, string>; errors?: FieldErrors } = {},
): FormData {
  return {
    csrf: csrfToken(c),
    values: init.values ?? {},
    errors: init.errors ?? {},
  };
}

/** One error code per failing field of a zod validation. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (errors[field]) continue;
    errors[field] = [
      issue.code === "too_small" ||
        (issue.code === "invalid_type" && issue.input === undefined)
        ? "required"
        : issue.code === "too_big"
        ? "tooLong"
        : "invalid",
    ];
  }
  return errors;
}

/**
 * Mark a response as for this browser only: it carries a CSRF token or a
 * signed-in user's data, so no cache may keep it.
 */
export function noStore(response: Response): Response {
  response.headers.set("Cache-Control", "private, no-store");
  return response;
}

/** A 303 to `path`, after a form was handled. */
export function seeOther(c: AppContext, path: string): Response {
  return noStore(c.redirect(path, 303));
}

/**
 * The `head` of an account page: "<page title> · <store>", and never
 * indexed. `page` names the page's locale section (`account.<page>.title`).
 */
export function accountHead(page: string): (props: PageProps) => Head {
  return function head({ state }: PageProps): Head {
    return {
      title: state.t("account.meta.title", {
        page: state.t(`account.${page}.title`),
        store: state.storeName,
      }),
      noindex: true,
    };
  };
}
