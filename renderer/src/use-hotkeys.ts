import { useEffect, useRef } from 'react';

/** What a key press carries that decides which key it is. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/**
 * The key a press means on the key sheet, or null for a shortcut of the browser or the system
 * (Ctrl, Cmd or Alt held). Letters are the same with Shift or Caps Lock (D and d both log
 * Disqualified). A digit is the key's own digit whatever Shift does to it: Shift+1 is "!" on a
 * US keyboard, and on a French one the digits need Shift, so the row of digits is read by position.
 */
export function hotkeyOf(press: KeyPress): string | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(press.code);
  if (digit) return digit[1]!;
  return press.key.length === 1 ? press.key.toLowerCase() : press.key;
}

/**
 * The binding a press calls. A character typed that has a binding of its own wins over the key's
 * position: on the keypad, Shift+3 on a US keyboard types "#" and sends the # tone, not a 3.
 * Elsewhere (no binding for "#" or "!") the digit row still reads by position.
 */
export function bindingFor<T>(bindings: Record<string, T>, press: KeyPress): T | undefined {
  const key = hotkeyOf(press);
  if (key === null) return undefined;
  if (press.key.length === 1 && press.key !== key && Object.hasOwn(bindings, press.key)) return bindings[press.key];
  return Object.hasOwn(bindings, key) ? bindings[key] : undefined;
}

/** Whether focus is in a field that takes typing (where single keys are letters, not commands). */
function isTyping(target: HTMLElement | null): target is HTMLElement {
  return !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * Single keys for the call screen. They never fire while the rep is typing in a field or holds
 * a modifier (so the browser's and the system's shortcuts keep working), nor when a part of the
 * screen took the key for itself (the script's choices take their number keys); Escape in a field
 * leaves it, so the keys work again without reaching for the mouse.
 */
export function useHotkeys(bindings: Record<string, () => void>): void {
  const latest = useRef(bindings);
  useEffect(() => {
    latest.current = bindings;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (isTyping(target)) {
        if (event.key === 'Escape') target.blur();
        return;
      }
      if (event.defaultPrevented || event.repeat) return;
      const action = bindingFor(latest.current, event);
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Escape closes a dialog wherever the focus is in it (a field included). Off while `active` is false. */
export function useEscapeToClose(close: () => void, active = true): void {
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [close, active]);
}
