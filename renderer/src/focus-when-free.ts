/**
 * A ref for a control that takes the keyboard when it appears, unless something holds it already:
 * the import wizard opened while the call list was still loading keeps its Import button focused
 * when the empty list's screen shows up behind it (`autoFocus` would take it).
 */
export function focusWhenFree(control: HTMLElement | null): void {
  const holder = document.activeElement;
  if (control && (!holder || holder === document.body)) control.focus();
}
