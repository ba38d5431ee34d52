/**
 * The language tabs of the dashboard's editors (product copy, category
 * names): one tab per language, the default one named so, and a dot on
 * each whose translation is missing (amber) or holds an error (red). Not
 * an island itself.
 *
 * @module
 */

/** Props of {@link LanguageTabs}. */
export interface LanguageTabsProps {
  languages: readonly { code: string; label: string }[];
  /** The selected language. */
  active: string;
  defaultLanguage: string;
  /** Tab ids are `<idPrefix><code>`; the panel labels itself with one. */
  idPrefix: string;
  /** The id of the panel the tabs control. */
  panelId: string;
  labels: { languages: string; defaultLanguage: string; missing: string };
  missing: (code: string) => boolean;
  /** Whether a field of the language holds an error. */
  invalid: (code: string) => boolean;
  onSelect: (code: string) => void;
  class?: string;
}

/** See the module doc. */
export function LanguageTabs(props: LanguageTabsProps) {
  const { labels } = props;
  return (
    <div
      role="tablist"
      aria-label={labels.languages}
      class={`flex flex-wrap gap-1 border-b border-gray-200 ${
        props.class ?? ""
      }`}
    >
      {props.languages.map((l) => {
        const selected = l.code === props.active;
        const gap = props.missing(l.code);
        const wrong = props.invalid(l.code);
        return (
          <button
            key={l.code}
            type="button"
            role="tab"
            id={`${props.idPrefix}${l.code}`}
            data-language={l.code}
            data-missing={gap ? "true" : undefined}
            aria-selected={selected ? "true" : "false"}
            aria-controls={props.panelId}
            onClick={() => props.onSelect(l.code)}
            class={`-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium ${
              selected
                ? "border-indigo-600 text-indigo-700"
                : "border-transparent text-gray-600 hover:text-gray-900"
            }`}
          >
            {l.label}
            {l.code === props.defaultLanguage && (
              <span class="text-xs text-gray-400">
                ({labels.defaultLanguage})
              </span>
            )}
            {/* Always in the markup, so its classes get styled. */}
            <span
              hidden={!gap && !wrong}
              data-testid="tab-missing"
              title={labels.missing}
            >
              <span
                data-wrong={wrong ? "true" : undefined}
                class="inline-block h-2 w-2 rounded-full bg-amber-500 data-[wrong=true]:bg-red-600"
              />
              <span class="sr-only">{labels.missing}</span>
            </span>
          </button>
        );
      })}
    </div>
  );
}
