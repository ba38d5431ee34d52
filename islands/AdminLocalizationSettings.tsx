import { useSignal } from "@preact/signals";
import type {
  CurrencyAdminView,
  LanguageAdminView,
} from "../commerce/localization/admin/mod.ts";
import { callApi } from "./_api.ts";
import { failureText, minorUnits, serverFieldErrors } from "./_admin_forms.ts";
import { useUnsavedWarning } from "./_unsaved.ts";
import { FieldError } from "./_FieldError.tsx";

/** The translated texts of {@link AdminLocalizationSettings}. */
export interface AdminLocalizationSettingsLabels {
  languagesTitle: string;
  languagesNote: string;
  language: string;
  enabled: string;
  defaultLanguage: string;
  /** "Offer {{language}} to shoppers" (the switch's accessible name). */
  enableLanguage: string;
  /** "Make {{language}} the default". */
  makeDefault: string;
  defaultLocked: string;
  disabledNoDefault: string;
  currenciesTitle: string;
  currenciesNote: string;
  currency: string;
  /** "Sell in {{currency}}". */
  enableCurrency: string;
  base: string;
  baseLocked: string;
  rounding: string;
  step: string;
  stepHint: string;
  ending: string;
  endingHint: string;
  example: string;
  /** "{{from}} → {{to}}". */
  exampleValue: string;
  saveRule: string;
  on: string;
  off: string;
  working: string;
  saved: string;
  unsaved: string;
  invalid: {
    /** "… up to {{max}}" */
    step: string;
    /** "… up to {{max}}" */
    ending: string;
    form: string;
  };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** A language row as the island starts with it. */
export type SettingsLanguage = Pick<
  LanguageAdminView,
  "code" | "name" | "nativeName" | "dir" | "enabled" | "default"
>;

/** A currency row as the island starts with it. */
export type SettingsCurrency = Pick<
  CurrencyAdminView,
  "code" | "name" | "symbol" | "exponent" | "base" | "enabled" | "rounding"
>;

/** Props of {@link AdminLocalizationSettings}. */
export interface AdminLocalizationSettingsProps {
  /** The admin's language, to format amounts. */
  language: string;
  languages: SettingsLanguage[];
  currencies: SettingsCurrency[];
  labels: AdminLocalizationSettingsLabels;
}

type Rounding = SettingsCurrency["rounding"];

const INPUT =
  "block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm tabular-nums focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500 disabled:bg-gray-50";
const CHECK =
  "h-4 w-4 rounded border-gray-300 text-indigo-600 focus:ring-indigo-500 disabled:cursor-not-allowed disabled:opacity-60";
const BUTTON =
  "whitespace-nowrap rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300";
const TH =
  "px-3 py-2 text-start text-xs font-semibold uppercase tracking-wide text-gray-500";
const TD = "px-3 py-2 align-top text-sm text-gray-800";

/** `minor` units as an exact decimal string with `exponent` decimals. */
export function decimalOf(minor: bigint, exponent: number): string {
  const digits = minor.toString().padStart(exponent + 1, "0");
  return exponent === 0
    ? digits
    : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** An exact decimal string formatted as money in `language` (no float). */
export function formatAmount(
  amount: string,
  currency: string,
  language: string,
): string {
  return new Intl.NumberFormat(language, { style: "currency", currency })
    // A decimal string is formatted exactly (Intl.NumberFormat v3).
    .format(amount as unknown as number);
}

/** The step field's text of a rule ("0.05"; "" for no step). */
export function stepText(rounding: Rounding, exponent: number): string {
  if (!rounding || rounding.increment <= 1) return "";
  return decimalOf(BigInt(rounding.increment), exponent);
}

/** The ending field's text of a rule ("0.99", "9.95", "80"; "" for none). */
export function endingText(rounding: Rounding, exponent: number): string {
  if (!rounding || rounding.ending === null) return "";
  return decimalOf(BigInt(rounding.ending), exponent);
}

/**
 * The largest step and ending a rule may have, in minor units (the
 * pricing module's bounds: 10^4 major units, three digits beyond the
 * minor unit).
 */
function limits(exponent: number): { step: bigint; ending: bigint } {
  return {
    step: 10n ** BigInt(exponent + 4),
    ending: 10n ** BigInt(exponent + 3) - 1n,
  };
}

/** What the fields say, in minor units; `null` for a field that is wrong. */
function readRule(
  step: string,
  ending: string,
  exponent: number,
): { step: bigint | null; ending: bigint | null | undefined } {
  const max = limits(exponent);
  const stepText = step.trim();
  const endingText = ending.trim().replace(/^\./, "0.");
  const stepMinor = stepText ? minorUnits(stepText, exponent) : 1n;
  const endingMinor = endingText ? minorUnits(endingText, exponent) : null;
  return {
    step: stepMinor !== null && stepMinor >= 1n && stepMinor <= max.step
      ? stepMinor
      : null,
    // undefined: the ending field is wrong.
    ending: endingText === ""
      ? null
      : endingMinor !== null && endingMinor <= max.ending
      ? endingMinor
      : undefined,
  };
}

/**
 * `amount` minor units rounded like the store rounds converted prices
 * (`applyRounding()`): to the nearest step (halves up, never to zero),
 * then up to the next amount with the ending. Shown as an example only.
 */
export function roundExample(
  amount: bigint,
  rule: { step: bigint; ending: bigint | null },
  exponent: number,
): bigint {
  let value = amount;
  if (rule.step > 1n) {
    value = (2n * value + rule.step) / (2n * rule.step) * rule.step;
    if (value === 0n) value = rule.step;
  }
  if (rule.ending !== null) {
    const width = Math.max(
      exponent,
      rule.ending === 0n ? 0 : rule.ending.toString().length,
    );
    const modulus = 10n ** BigInt(width);
    const raised = value - value % modulus + rule.ending;
    value = raised >= value ? raised : raised + modulus;
  }
  return value;
}

/** The example price rounded: 1234.56 in the currency's minor units. */
export function exampleAmount(exponent: number): bigint {
  return exponent >= 2
    ? 123456n * 10n ** BigInt(exponent - 2)
    : exponent === 1
    ? 12345n
    : 1234n;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => values[name] ?? "");
}

/**
 * The store's languages and currencies: switch a language on or off, make
 * an enabled language the default, switch a currency on or off (each
 * applies at once), and edit a currency's presentation rounding rule (the
 * step prices round to and the ending they get, in the currency's own
 * amounts), with a worked example. Fields are checked as they change; the
 * server's messages show by the row they concern; leaving with an unsaved
 * rule asks first.
 */
export default function AdminLocalizationSettings(
  props: AdminLocalizationSettingsProps,
) {
  const { labels } = props;
  const languages = useSignal(props.languages);
  const currencies = useSignal(props.currencies);
  const rules = useSignal<Record<string, { step: string; ending: string }>>(
    Object.fromEntries(
      props.currencies.map((c) => [c.code, {
        step: stepText(c.rounding, c.exponent),
        ending: endingText(c.rounding, c.exponent),
      }]),
    ),
  );
  // Which row is working, and the last outcome by row key.
  const busy = useSignal("");
  const errors = useSignal<Record<string, string>>({});
  const failures = useSignal<
    Record<string, { summary: string; detail: string }>
  >({});
  const saved = useSignal("");
  // What a switch or the default asks for while the store answers: shown
  // at once, dropped again when the answer comes (or fails).
  const pending = useSignal<Record<string, boolean | string>>({});

  const savedRule = (code: string) => {
    const c = currencies.value.find((c) => c.code === code)!;
    return {
      step: stepText(c.rounding, c.exponent),
      ending: endingText(c.rounding, c.exponent),
    };
  };
  const ruleDirty = (code: string) => {
    const now = rules.value[code];
    const before = savedRule(code);
    return now.step.trim() !== before.step ||
      now.ending.trim() !== before.ending;
  };
  const dirty = () => currencies.value.some((c) => ruleDirty(c.code));

  useUnsavedWarning(dirty);

  function setFailure(
    row: string,
    failure: { summary: string; detail: string } | null,
  ) {
    const next = { ...failures.value };
    if (failure) next[row] = failure;
    else delete next[row];
    failures.value = next;
  }

  function setErrors(row: string, fields: Record<string, string>) {
    const next = Object.fromEntries(
      Object.entries(errors.value).filter(([key]) =>
        !key.startsWith(`${row}.`)
      ),
    );
    errors.value = { ...next, ...fields };
  }

  async function run(
    row: string,
    action: () => Promise<void>,
    asked?: { key: string; value: boolean | string },
  ) {
    if (busy.value) return;
    busy.value = row;
    saved.value = "";
    setFailure(row, null);
    if (asked) pending.value = { [asked.key]: asked.value };
    try {
      await action();
      saved.value = row;
    } catch (error) {
      setFailure(row, failureText(error, labels.errors));
    } finally {
      busy.value = "";
      pending.value = {};
    }
  }

  function toggleLanguage(code: string, enabled: boolean) {
    return run(`language.${code}`, async () => {
      const view = await callApi<LanguageAdminView>(
        "PATCH",
        `/api/admin/localization/languages/${code}`,
        { enabled },
      );
      languages.value = languages.value.map((l) =>
        l.code === code ? { ...l, enabled: view.enabled } : l
      );
    }, { key: `language.${code}`, value: enabled });
  }

  function makeDefault(code: string) {
    return run(`language.${code}`, async () => {
      await callApi<LanguageAdminView>(
        "PUT",
        "/api/admin/localization/languages/default",
        { code },
      );
      languages.value = languages.value.map((l) => ({
        ...l,
        default: l.code === code,
      }));
    }, { key: "default", value: code });
  }

  function applyCurrency(view: CurrencyAdminView) {
    currencies.value = currencies.value.map((c) =>
      c.code === view.code
        ? { ...c, enabled: view.enabled, rounding: view.rounding }
        : c
    );
  }

  function toggleCurrency(code: string, enabled: boolean) {
    return run(`currency.${code}`, async () => {
      applyCurrency(
        await callApi<CurrencyAdminView>(
          "PATCH",
          `/api/admin/localization/currencies/${code}`,
          { enabled },
        ),
      );
    }, { key: `currency.${code}`, value: enabled });
  }

  function check(code: string): Record<string, string> {
    const c = currencies.value.find((c) => c.code === code)!;
    const max = limits(c.exponent);
    const read = readRule(
      rules.value[code].step,
      rules.value[code].ending,
      c.exponent,
    );
    const fields: Record<string, string> = {};
    if (read.step === null) {
      fields[`currency.${code}.step`] = fill(labels.invalid.step, {
        max: decimalOf(max.step, c.exponent),
      });
    }
    if (read.ending === undefined) {
      fields[`currency.${code}.ending`] = fill(labels.invalid.ending, {
        max: decimalOf(max.ending, c.exponent),
      });
    }
    return fields;
  }

  function validate(code: string): boolean {
    const fields = check(code);
    setErrors(`currency.${code}`, fields);
    return Object.keys(fields).length === 0;
  }

  function saveRule(code: string) {
    const row = `currency.${code}`;
    if (!validate(code)) {
      setFailure(row, { summary: labels.invalid.form, detail: "" });
      return;
    }
    const c = currencies.value.find((c) => c.code === code)!;
    const read = readRule(
      rules.value[code].step,
      rules.value[code].ending,
      c.exponent,
    );
    const rounding = read.step === 1n && read.ending === null ? null : {
      increment: Number(read.step),
      ending: read.ending === null || read.ending === undefined
        ? null
        : Number(read.ending),
    };
    return run(row, async () => {
      try {
        const view = await callApi<CurrencyAdminView>(
          "PATCH",
          `/api/admin/localization/currencies/${code}`,
          { rounding },
        );
        applyCurrency(view);
        rules.value = {
          ...rules.value,
          [code]: {
            step: stepText(view.rounding, c.exponent),
            ending: endingText(view.rounding, c.exponent),
          },
        };
      } catch (error) {
        const fields: Record<string, string> = {};
        for (
          const [path, message] of Object.entries(serverFieldErrors(error))
        ) {
          if (path.endsWith("increment")) fields[`${row}.step`] = message;
          else if (path.endsWith("ending")) fields[`${row}.ending`] = message;
        }
        const details = (error as { details?: { field?: string } }).details;
        const message = (error as Error).message;
        if (details?.field === "increment") fields[`${row}.step`] = message;
        if (details?.field === "ending") fields[`${row}.ending`] = message;
        setErrors(row, fields);
        throw error;
      }
    });
  }

  const working = busy.value !== "";
  const rowStatus = (row: string) => {
    const failure = failures.value[row];
    return (
      <div class="mt-1 text-xs" aria-live="polite">
        <span hidden={busy.value !== row} class="text-gray-500">
          {labels.working}
        </span>
        <span
          hidden={saved.value !== row || busy.value === row}
          class="text-emerald-700"
        >
          {labels.saved}
        </span>
        {/* No display class beside `hidden`: the class would win. */}
        <div
          role="alert"
          hidden={!failure}
          data-testid={`${row}-error`}
          class="max-w-[20rem] font-normal text-rose-700"
        >
          {failure?.summary}
          <p hidden={!failure?.detail} class="text-rose-600">
            {failure?.detail}
          </p>
        </div>
      </div>
    );
  };

  return (
    <div class="space-y-6" data-testid="localization-settings">
      <section class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm">
        <h2 class="text-base font-bold text-gray-900">
          {labels.languagesTitle}
        </h2>
        <p class="mt-1 text-xs text-gray-500">{labels.languagesNote}</p>
        <div class="mt-3 overflow-x-auto">
          <table
            class="min-w-full divide-y divide-gray-200"
            data-testid="language-rows"
          >
            <thead>
              <tr>
                <th scope="col" class={TH}>{labels.language}</th>
                <th scope="col" class={TH}>{labels.enabled}</th>
                <th scope="col" class={TH}>{labels.defaultLanguage}</th>
              </tr>
            </thead>
            <tbody class="divide-y divide-gray-100">
              {languages.value.map((l) => {
                const row = `language.${l.code}`;
                return (
                  <tr
                    key={l.code}
                    data-language={l.code}
                    data-enabled={String(l.enabled)}
                    data-default={String(l.default)}
                  >
                    <th scope="row" class={`${TD} text-start font-medium`}>
                      <span class="block">{l.name}</span>
                      <span class="block text-xs font-normal text-gray-500">
                        <span lang={l.code} dir={l.dir}>{l.nativeName}</span>
                        {" · "}
                        <code>{l.code}</code>
                      </span>
                      {rowStatus(row)}
                    </th>
                    <td class={TD}>
                      <label class="inline-flex items-center gap-2">
                        <input
                          type="checkbox"
                          class={CHECK}
                          checked={Boolean(pending.value[row] ?? l.enabled)}
                          disabled={working || l.default}
                          aria-label={fill(labels.enableLanguage, {
                            language: l.name,
                          })}
                          title={l.default ? labels.defaultLocked : undefined}
                          onChange={(event) =>
                            toggleLanguage(
                              l.code,
                              (event.target as HTMLInputElement).checked,
                            )}
                        />
                        <span class="text-gray-700">
                          {l.enabled ? labels.on : labels.off}
                        </span>
                      </label>
                    </td>
                    <td class={TD}>
                      <input
                        type="radio"
                        name="default-language"
                        class="h-4 w-4 border-gray-300 text-indigo-600 focus:ring-indigo-500 disabled:cursor-not-allowed disabled:opacity-60"
                        checked={"default" in pending.value
                          ? pending.value.default === l.code
                          : l.default}
                        disabled={working || !l.enabled}
                        aria-label={fill(labels.makeDefault, {
                          language: l.name,
                        })}
                        title={l.enabled ? undefined : labels.disabledNoDefault}
                        onChange={() => makeDefault(l.code)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm">
        <h2 class="text-base font-bold text-gray-900">
          {labels.currenciesTitle}
        </h2>
        <p class="mt-1 text-xs text-gray-500">{labels.currenciesNote}</p>
        <p class="mt-1 text-xs text-gray-500">
          {labels.stepHint} {labels.endingHint}
        </p>
        <div class="mt-3 overflow-x-auto">
          <table
            class="min-w-full divide-y divide-gray-200"
            data-testid="currency-rows"
          >
            <thead>
              <tr>
                <th scope="col" class={TH}>{labels.currency}</th>
                <th scope="col" class={TH}>{labels.enabled}</th>
                <th scope="col" class={TH}>{labels.step}</th>
                <th scope="col" class={TH}>{labels.ending}</th>
                <th scope="col" class={`${TH} hidden md:table-cell`}>
                  {labels.example}
                </th>
                <th scope="col" class={TH}>
                  <span class="sr-only">{labels.saveRule}</span>
                </th>
              </tr>
            </thead>
            <tbody class="divide-y divide-gray-100">
              {currencies.value.map((c) => {
                const row = `currency.${c.code}`;
                const read = readRule(
                  rules.value[c.code].step,
                  rules.value[c.code].ending,
                  c.exponent,
                );
                const sample = exampleAmount(c.exponent);
                const example = read.step !== null && read.ending !== undefined
                  ? fill(labels.exampleValue, {
                    from: formatAmount(
                      decimalOf(sample, c.exponent),
                      c.code,
                      props.language,
                    ),
                    to: formatAmount(
                      decimalOf(
                        roundExample(sample, {
                          step: read.step,
                          ending: read.ending,
                        }, c.exponent),
                        c.exponent,
                      ),
                      c.code,
                      props.language,
                    ),
                  })
                  : "";
                const changed = ruleDirty(c.code);
                const field = (
                  part: "step" | "ending",
                  label: string,
                ) => {
                  const key = `${row}.${part}`;
                  const id = `rounding-${c.code}-${part}`;
                  return (
                    <div class="w-28">
                      <label for={id} class="sr-only">
                        {`${label} (${c.code})`}
                      </label>
                      <input
                        id={id}
                        type="text"
                        inputMode="decimal"
                        value={rules.value[c.code][part]}
                        disabled={working}
                        placeholder={part === "step"
                          ? decimalOf(1n, c.exponent)
                          : ""}
                        aria-invalid={errors.value[key] ? "true" : undefined}
                        aria-describedby={`${id}-error`}
                        class={INPUT}
                        onInput={(event) => {
                          rules.value = {
                            ...rules.value,
                            [c.code]: {
                              ...rules.value[c.code],
                              [part]: (event.target as HTMLInputElement).value,
                            },
                          };
                          saved.value = "";
                          if (errors.value[key]) validate(c.code);
                        }}
                        onBlur={() => validate(c.code)}
                      />
                      <FieldError id={id} error={errors.value[key]} />
                    </div>
                  );
                };
                return (
                  <tr
                    key={c.code}
                    data-currency={c.code}
                    data-enabled={String(c.enabled)}
                  >
                    <th scope="row" class={`${TD} text-start font-medium`}>
                      <span class="block">{c.code}</span>
                      <span class="block text-xs font-normal text-gray-500">
                        {c.symbol !== c.code && (
                          <>
                            <bdi>{c.symbol}</bdi>
                            {" · "}
                          </>
                        )}
                        {c.name}
                      </span>
                      {c.base && (
                        <span class="mt-1 inline-flex rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-semibold text-indigo-700">
                          {labels.base}
                        </span>
                      )}
                      {rowStatus(row)}
                    </th>
                    <td class={TD}>
                      <label class="inline-flex items-center gap-2">
                        <input
                          type="checkbox"
                          class={CHECK}
                          checked={Boolean(pending.value[row] ?? c.enabled)}
                          disabled={working || c.base}
                          aria-label={fill(labels.enableCurrency, {
                            currency: c.code,
                          })}
                          title={c.base ? labels.baseLocked : undefined}
                          onChange={(event) =>
                            toggleCurrency(
                              c.code,
                              (event.target as HTMLInputElement).checked,
                            )}
                        />
                        <span class="text-gray-700">
                          {c.enabled ? labels.on : labels.off}
                        </span>
                      </label>
                    </td>
                    <td class={TD}>{field("step", labels.step)}</td>
                    <td class={TD}>{field("ending", labels.ending)}</td>
                    <td
                      class={`${TD} hidden whitespace-nowrap tabular-nums text-gray-600 md:table-cell`}
                      data-testid={`rounding-example-${c.code}`}
                    >
                      {example}
                    </td>
                    <td class={TD}>
                      <button
                        type="button"
                        class={BUTTON}
                        hidden={!changed && busy.value !== row}
                        disabled={working}
                        data-testid={`rounding-save-${c.code}`}
                        onClick={() => saveRule(c.code)}
                      >
                        {busy.value === row ? labels.working : labels.saveRule}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p
          role="status"
          hidden={!dirty()}
          class="mt-3 text-sm text-amber-700"
        >
          {labels.unsaved}
        </p>
      </section>
    </div>
  );
}
