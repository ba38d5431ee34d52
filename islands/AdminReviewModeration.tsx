import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import type {
  ModerationReview,
  ReviewStatus,
} from "../commerce/catalog/moderation.ts";
import { callApi } from "./_api.ts";
import { failureText, serverFieldErrors } from "./_admin_forms.ts";
import { useUnsavedWarning } from "./_unsaved.ts";
import { FailureAlert } from "./_FailureAlert.tsx";
import { FieldError } from "./_FieldError.tsx";

/** The translated texts of {@link AdminReviewModeration}. */
export interface AdminReviewModerationLabels {
  approve: string;
  reject: string;
  /** The reason field's label. */
  reason: string;
  /** "(optional)". */
  optional: string;
  /** Under the reason field: who reads it. */
  reasonHint: string;
  /** The reason form's submit button. */
  confirmReject: string;
  cancel: string;
  working: string;
  /** What each status is called. */
  statuses: Record<ReviewStatus, string>;
  /** Announced after a decision, by the status it led to. */
  done: { approved: string; rejected: string };
  /** "Note:" before the moderator's note. */
  note: string;
  invalid: { tooLong: string };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** Props of {@link AdminReviewModeration}. */
export interface AdminReviewModerationProps {
  reviewId: string;
  status: ReviewStatus;
  /** The note kept with the last decision. */
  note: string | null;
  labels: AdminReviewModerationLabels;
}

const NOTE_MAX = 1000;
const SECONDARY =
  "rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-semibold text-gray-800 hover:bg-gray-50 disabled:cursor-not-allowed disabled:text-gray-400";
const APPROVE =
  "rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-500 disabled:cursor-not-allowed disabled:bg-emerald-300";
const REJECT =
  "rounded-md bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-rose-500 disabled:cursor-not-allowed disabled:bg-rose-300";

/**
 * A review's status and the moderator's buttons: approve it (it reaches
 * the storefront and its rating), or reject it with an optional reason
 * (checked as it is typed, the server's message shown under it). The
 * status changes in place once the store answers; an unsent reason warns
 * before the page is left. Every element is in the server's markup (shown
 * or hidden), so its classes are styled from the start.
 */
export default function AdminReviewModeration(
  props: AdminReviewModerationProps,
) {
  const { labels } = props;
  const status = useSignal<ReviewStatus>(props.status);
  const note = useSignal<string | null>(props.note);
  const busy = useSignal(false);
  const rejecting = useSignal(false);
  const reason = useSignal("");
  const reasonError = useSignal("");
  const failure = useSignal<{ summary: string; detail: string } | null>(null);
  const announced = useSignal("");
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const id = `review-${props.reviewId}`;

  useUnsavedWarning(() => rejecting.value && reason.value.trim() !== "");

  function check(text: string): string {
    return text.trim().length > NOTE_MAX ? labels.invalid.tooLong : "";
  }

  async function decide(decision: "approve" | "reject") {
    if (busy.value) return;
    const text = reason.value.trim();
    if (decision === "reject") {
      reasonError.value = check(text);
      if (reasonError.value) {
        reasonRef.current?.focus();
        return;
      }
    }
    busy.value = true;
    failure.value = null;
    announced.value = "";
    try {
      const review = await callApi<ModerationReview>(
        "POST",
        `/api/admin/reviews/${props.reviewId}/${decision}`,
        decision === "reject" && text ? { note: text } : {},
      );
      status.value = review.status;
      note.value = review.note;
      rejecting.value = false;
      reason.value = "";
      if (review.status !== "pending") {
        announced.value = labels.done[review.status];
      }
    } catch (error) {
      failure.value = failureText(error, labels.errors);
      const fields = serverFieldErrors(error);
      if (fields.note) reasonError.value = fields.note;
    } finally {
      busy.value = false;
    }
  }

  function openReject() {
    rejecting.value = true;
    failure.value = null;
    // After the form is shown: focus can only go to a visible field.
    setTimeout(() => reasonRef.current?.focus(), 0);
  }

  return (
    <div
      class="space-y-3"
      data-testid="review-moderation"
      data-status={status.value}
    >
      <div class="flex flex-wrap items-center gap-2">
        <span
          data-testid="review-status"
          data-status={status.value}
          class="inline-flex rounded-full bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-800 data-[status=approved]:bg-emerald-50 data-[status=approved]:text-emerald-700 data-[status=rejected]:bg-rose-50 data-[status=rejected]:text-rose-700"
        >
          {labels.statuses[status.value]}
        </span>
        <span class="ms-auto flex flex-wrap gap-2">
          <button
            type="button"
            data-testid="review-approve"
            hidden={status.value === "approved" || rejecting.value}
            disabled={busy.value}
            onClick={() => decide("approve")}
            class={APPROVE}
          >
            {busy.value ? labels.working : labels.approve}
          </button>
          <button
            type="button"
            data-testid="review-reject"
            hidden={status.value === "rejected" || rejecting.value}
            disabled={busy.value}
            onClick={openReject}
            class={SECONDARY}
          >
            {labels.reject}
          </button>
        </span>
      </div>
      <p
        hidden={!note.value}
        data-testid="review-note"
        class="text-sm text-gray-600"
      >
        <span class="font-medium">{labels.note}</span> {note.value}
      </p>
      <form
        hidden={!rejecting.value}
        novalidate
        data-testid="review-reject-form"
        class="space-y-2 rounded-lg border border-gray-200 bg-gray-50 p-3"
        onSubmit={(event) => {
          event.preventDefault();
          decide("reject");
        }}
      >
        <label for={`${id}-reason`} class="block text-sm font-medium">
          {labels.reason}{" "}
          <span class="font-normal text-gray-500">{labels.optional}</span>
        </label>
        <textarea
          ref={reasonRef}
          id={`${id}-reason`}
          name="note"
          rows={2}
          value={reason.value}
          disabled={busy.value}
          aria-invalid={reasonError.value ? "true" : undefined}
          aria-describedby={`${id}-reason-hint ${id}-reason-error`}
          class="block w-full rounded-md border border-gray-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500"
          onInput={(event) => {
            reason.value = (event.target as HTMLTextAreaElement).value;
            if (reasonError.value) reasonError.value = check(reason.value);
          }}
          onBlur={() => (reasonError.value = check(reason.value))}
        />
        <p id={`${id}-reason-hint`} class="text-xs text-gray-500">
          {labels.reasonHint}
        </p>
        <FieldError id={`${id}-reason`} error={reasonError.value} />
        <div class="flex flex-wrap gap-2">
          <button
            type="submit"
            data-testid="review-reject-confirm"
            disabled={busy.value}
            class={REJECT}
          >
            {busy.value ? labels.working : labels.confirmReject}
          </button>
          <button
            type="button"
            disabled={busy.value}
            onClick={() => {
              rejecting.value = false;
              reason.value = "";
              reasonError.value = "";
            }}
            class={SECONDARY}
          >
            {labels.cancel}
          </button>
        </div>
      </form>
      <p
        role="status"
        data-testid="review-done"
        class="text-sm font-medium text-gray-700"
      >
        {announced.value}
      </p>
      <FailureAlert failure={failure.value} testId="review-error" />
    </div>
  );
}
