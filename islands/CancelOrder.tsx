import { useSignal } from "@preact/signals";
import { callApi, messageOf } from "./_api.ts";

/** Props of {@link CancelOrder}: the order and the translated texts. */
export interface CancelOrderProps {
  orderId: string;
  labels: {
    cancel: string;
    /** The question the browser's confirmation dialog asks. */
    confirm: string;
    cancelling: string;
    /** By API error code, plus `failed`. */
    errors: Record<string, string>;
  };
}

/**
 * "Cancel order" for an unpaid order: asks for confirmation, cancels it
 * through the API (its stock goes back), then shows the page again.
 */
export default function CancelOrder(props: CancelOrderProps) {
  const { labels } = props;
  const busy = useSignal(false);
  const error = useSignal("");

  async function cancel() {
    if (busy.value || !confirm(labels.confirm)) return;
    busy.value = true;
    error.value = "";
    try {
      await callApi("POST", `/api/orders/${props.orderId}/cancel`);
      location.reload();
    } catch (failure) {
      error.value = messageOf(failure, labels.errors);
      busy.value = false;
    }
  }

  return (
    <div>
      <button
        type="button"
        data-testid="cancel-order"
        disabled={busy.value}
        onClick={cancel}
        class="rounded-md border border-gray-300 bg-white px-4 py-2 text-sm font-semibold text-gray-800 hover:bg-gray-50 disabled:cursor-not-allowed disabled:text-gray-400"
      >
        {busy.value ? labels.cancelling : labels.cancel}
      </button>
      <p role="alert" hidden={!error.value} class="mt-2 text-sm text-rose-700">
        {error.value}
      </p>
    </div>
  );
}
