import { CSRF_FIELD } from "../../edge/middleware/csrf.ts";

/** The hidden CSRF token every account form posts. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}
