import { useEffect, useRef, type ReactNode } from 'react';

/** One message row of the list, watched while rendered so the pane knows what is on screen. */
export function SeenRow({
  seq,
  observe,
  highlighted = false,
  children,
}: {
  seq: number;
  observe: (el: HTMLElement) => () => void;
  highlighted?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => observe(ref.current!), [observe]);
  return (
    <div ref={ref} data-seen-seq={seq} data-highlighted={highlighted || undefined}>
      {children}
    </div>
  );
}
