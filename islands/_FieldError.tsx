/**
 * The message under a form field: announced with the field (its id is the
 * field's `aria-describedby`), hidden while there is none. Shared by the
 * checkout's address and card fields.
 */
export function FieldError(props: { id: string; error?: string }) {
  return (
    <p
      id={`${props.id}-error`}
      hidden={!props.error}
      data-field-error={props.error ? "" : undefined}
      class="mt-1 text-sm text-red-700"
    >
      {props.error}
    </p>
  );
}
