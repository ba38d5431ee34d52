import { useSignal } from "@preact/signals";
import { callApi, messageOf } from "./_api.ts";

/** The translated texts of {@link AdminCategoryReorder}. */
export interface AdminCategoryReorderLabels {
  /** "Move “Kitchen” up": the button's accessible name. */
  up: string;
  /** "Move “Kitchen” down". */
  down: string;
  working: string;
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** Props of {@link AdminCategoryReorder}. */
export interface AdminCategoryReorderProps {
  categoryId: string;
  /** Its index among its siblings as the page showed them. */
  index: number;
  /** How many siblings it has, itself included. */
  siblings: number;
  labels: AdminCategoryReorderLabels;
}

const BUTTON =
  "inline-flex h-8 w-8 items-center justify-center rounded-md border border-gray-300 bg-white text-sm font-semibold text-gray-700 hover:bg-gray-50 disabled:cursor-not-allowed disabled:text-gray-300";

/**
 * A category's up and down buttons in the tree: each moves it one place
 * among its siblings (`PATCH` with the new index), then shows the page
 * again in the new order. The first cannot go up, the last not down.
 */
export default function AdminCategoryReorder(
  props: AdminCategoryReorderProps,
) {
  const { labels, index, siblings } = props;
  const busy = useSignal(false);
  const failure = useSignal("");

  async function move(to: number) {
    if (busy.value) return;
    busy.value = true;
    failure.value = "";
    try {
      await callApi("PATCH", `/api/admin/categories/${props.categoryId}`, {
        position: to,
      });
      location.reload();
    } catch (error) {
      failure.value = messageOf(error, labels.errors);
      busy.value = false;
    }
  }

  return (
    <span class="inline-flex flex-wrap items-center gap-1">
      <button
        type="button"
        class={BUTTON}
        aria-label={labels.up}
        title={labels.up}
        data-testid="category-up"
        disabled={busy.value || index === 0}
        onClick={() => move(index - 1)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        class={BUTTON}
        aria-label={labels.down}
        title={labels.down}
        data-testid="category-down"
        disabled={busy.value || index >= siblings - 1}
        onClick={() => move(index + 1)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <span role="status" class="text-xs text-gray-500" hidden={!busy.value}>
        {labels.working}
      </span>
      <span role="alert" class="text-xs text-red-700" hidden={!failure.value}>
        {failure.value}
      </span>
    </span>
  );
}
