/**
 * Admin: the store's languages, enabled or not, and which is the default.
 *
 * @module
 */
import { type AuditActor, recordAudit } from "../../admin/mod.ts";
import {
  DefaultLanguageError,
  type Language,
  LanguageDisabledError,
  languageName,
  languageSettings,
  nativeLanguageName,
  setDefaultLanguage,
  setLanguageEnabled,
  textDirection,
} from "../mod.ts";
import {
  type ListPage,
  type LocalizationAdminDeps,
  pageOf,
  type PageRequest,
  retireStorefront,
} from "./_util.ts";

/** A language as the admin API shows it. */
export interface LanguageAdminView {
  code: Language;
  /** Its name in the admin's language. */
  name: string;
  /** Its name in itself. */
  nativeName: string;
  dir: "ltr" | "rtl";
  enabled: boolean;
  default: boolean;
}

/** The admin's language list: the default, and a page of languages. */
export interface LanguageAdminList extends ListPage<LanguageAdminView> {
  default: Language;
}

function view(
  setting: { code: Language; enabled: boolean; isDefault: boolean },
  displayLanguage: Language,
): LanguageAdminView {
  return {
    code: setting.code,
    name: languageName(setting.code, displayLanguage),
    nativeName: nativeLanguageName(setting.code),
    dir: textDirection(setting.code),
    enabled: setting.enabled,
    default: setting.isDefault,
  };
}

/** Every store language with its settings, named in `displayLanguage`. */
export async function adminLanguages(
  deps: Pick<LocalizationAdminDeps, "sql">,
  options: PageRequest & { displayLanguage: Language },
): Promise<LanguageAdminList> {
  const settings = await languageSettings(deps.sql);
  const defaultLanguage = settings.find((language) => language.isDefault)!
    .code;
  return {
    default: defaultLanguage,
    ...pageOf(
      settings.map((setting) => view(setting, options.displayLanguage)),
      options,
    ),
  };
}

/**
 * Enable or disable a language, audited (`language.enable` or
 * `language.disable`), and retire the cached storefront. Throws
 * `DefaultLanguageError` (409) for disabling the default.
 */
export async function updateLanguage(
  deps: LocalizationAdminDeps,
  options: {
    code: Language;
    enabled: boolean;
    actor: AuditActor;
    displayLanguage: Language;
  },
): Promise<LanguageAdminView> {
  const { code, enabled, actor } = options;
  const change = await deps.sql.begin(async (tx) => {
    const change = await setLanguageEnabled(tx, { code, enabled });
    if (!change) throw new DefaultLanguageError(code);
    await recordAudit(tx, actor, {
      action: enabled ? "language.enable" : "language.disable",
      entityType: "language",
      entityId: code,
      before: { enabled: change.before.enabled },
      after: { enabled: change.after.enabled },
    });
    return change;
  });
  await retireStorefront(deps);
  return view(change.after, options.displayLanguage);
}

/**
 * Make a language the default, audited (`language.set_default`), and
 * retire the cached storefront. Throws `LanguageDisabledError` (409) for a
 * disabled language.
 */
export async function changeDefaultLanguage(
  deps: LocalizationAdminDeps,
  options: { code: Language; actor: AuditActor; displayLanguage: Language },
): Promise<LanguageAdminView> {
  const { code, actor } = options;
  await deps.sql.begin(async (tx) => {
    const change = await setDefaultLanguage(tx, code);
    if (!change) throw new LanguageDisabledError(code);
    await recordAudit(tx, actor, {
      action: "language.set_default",
      entityType: "language",
      entityId: code,
      before: { default: change.before },
      after: { default: code },
    });
  });
  await retireStorefront(deps);
  return view(
    { code, enabled: true, isDefault: true },
    options.displayLanguage,
  );
}
