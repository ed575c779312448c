import { useEffect, type RefObject } from 'react';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog holds the keyboard: focus moves into it when it opens (its selected tab or first
 * field), Tab and Shift+Tab go round inside it, and focus goes back where it was when it closes.
 */
export function useDialogFocus(dialog: RefObject<HTMLElement | null>, ready = true): void {
  useEffect(() => {
    const root = dialog.current;
    if (!ready || !root) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const focusable = () => [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]'));
    (root.querySelector<HTMLElement>('[aria-selected="true"]') ?? focusable()[0])?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const all = focusable();
      const [first, last] = [all[0], all.at(-1)];
      if (!first || !last) return;
      if (!root.contains(document.activeElement)) {
        event.preventDefault();
        first.focus();
      } else if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      opener?.focus();
    };
  }, [dialog, ready]);
}
