import { useState, type KeyboardEvent, type ReactNode } from 'react';

/**
 * `||hidden||`: a covered span until clicked (or Enter / Space when focused). While covered the content is
 * `visibility: hidden`, so it is neither read out, nor focusable, nor counted by contrast checks; the
 * button's name says what it is.
 */
export function Spoiler({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  if (shown) return <span className="md-spoiler md-spoiler-shown">{children}</span>;
  const reveal = () => setShown(true);
  return (
    <span
      className="md-spoiler"
      role="button"
      tabIndex={0}
      aria-label="Spoiler, press to reveal"
      title="Spoiler: click to reveal"
      data-testid="spoiler"
      onClick={(e) => {
        e.stopPropagation();
        reveal();
      }}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          e.stopPropagation();
          reveal();
        }
      }}
    >
      <span className="md-spoiler-content" aria-hidden>
        {children}
      </span>
    </span>
  );
}
