/**
 * The dashboard forms' unsaved-change warning. Not an island itself.
 *
 * @module
 */
import { useEffect, useRef } from "preact/hooks";

/**
 * Ask before the page is left while `dirty()` says a form holds changes
 * not saved yet. The browser asks, in its own words and language (it shows
 * no text of ours).
 */
export function useUnsavedWarning(dirty: () => boolean): void {
  const current = useRef(dirty);
  current.current = dirty;
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!current.current()) return;
      event.preventDefault();
      event.returnValue = "";
    };
    addEventListener("beforeunload", warn);
    return () => removeEventListener("beforeunload", warn);
  }, []);
}
