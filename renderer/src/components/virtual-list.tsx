import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

interface VirtualListProps<T> {
  items: readonly T[];
  /** A first guess at a row's height; each row is measured as it appears. */
  estimate: number;
  itemKey(item: T): string | number;
  render(item: T): ReactNode;
  label: string;
  className: string;
  testId?: string;
}

/**
 * A list that only puts on the page the rows in view, so a lead with hundreds of activities or
 * calls costs the same to show as one with three. Rows keep their natural height.
 */
export function VirtualList<T>({ items, estimate, itemKey, render, label, className, testId }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back functions React Compiler cannot memoise safely; this list does not need it to.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => estimate, overscan: 6 });
  return (
    <div ref={scroller} className="virtual-scroll">
      <ol className={className} aria-label={label} data-testid={testId} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index]!;
          return (
            <li
              key={itemKey(item)}
              data-index={row.index}
              ref={virtualizer.measureElement}
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
            >
              {render(item)}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
