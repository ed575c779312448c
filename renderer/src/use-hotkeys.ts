import { useEffect, useRef } from 'react';

/**
 * Single keys for the call screen. They never fire while the rep is typing in a field or holds
 * a modifier (so the browser's and the system's shortcuts keep working); Escape in a field
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
      const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (typing) {
        if (event.key === 'Escape') target.blur();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const action = latest.current[event.key];
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
