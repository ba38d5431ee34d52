import type { Failure } from "./_admin_forms.ts";

/**
 * Why a dashboard action failed: the translated sentence, and the
 * server's own message beneath (see `failureText()`). Always in the
 * markup, hidden while there is no failure, so its classes are styled from
 * the server's render. Not an island itself.
 */
export function FailureAlert(
  { failure, testId, class: extra = "" }: {
    failure: Failure | null | undefined;
    testId?: string;
    class?: string;
  },
) {
  return (
    <div
      role="alert"
      hidden={!failure}
      data-testid={testId}
      class={`rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800 ${extra}`}
    >
      {failure?.summary}
      <p hidden={!failure?.detail} class="mt-1 text-xs text-rose-700">
        {failure?.detail}
      </p>
    </div>
  );
}
