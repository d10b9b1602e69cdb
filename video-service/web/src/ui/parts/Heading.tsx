/** The screen's main heading; focused when the screen changes, so screen readers say where one is. */
import type { ComponentChildren, JSX } from 'preact';

export const HEADING_ID = 'va-heading';

export function Heading({ children, hidden = false }: { children: ComponentChildren; hidden?: boolean }): JSX.Element {
  return (
    <h1 id={HEADING_ID} class={hidden ? 'va-visually-hidden' : 'va-title'} tabIndex={-1}>
      {children}
    </h1>
  );
}
