import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "../../commerce/identity/mod.ts";
import type { Translate } from "../../edge/i18n.ts";

/** The password policy, in words, under a new-password field. */
export function PasswordRules({ t }: { t: Translate }) {
  return (
    <ul class="list-disc ps-5" data-testid="password-rules">
      <li>
        {t("account.rules.length", {
          min: PASSWORD_MIN_LENGTH,
          max: PASSWORD_MAX_LENGTH,
        })}
      </li>
      <li>{t("account.rules.common")}</li>
      <li>{t("account.rules.personal")}</li>
    </ul>
  );
}
