/** Small inline icons (24×24, stroke = currentColor); always decorative, the text next to them is the label. */
import type { JSX } from 'preact';

function Icon({ children }: { children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <svg class="va-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const SLASH = <path d="M3 3l18 18" />;

export function MicIcon({ off = false }: { off?: boolean }): JSX.Element {
  return (
    <Icon>
      <rect x="9" y="2.5" width="6" height="12" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3.5M8.5 21.5h7" />
      {off ? SLASH : <g />}
    </Icon>
  );
}

export function CameraIcon({ off = false }: { off?: boolean }): JSX.Element {
  return (
    <Icon>
      <rect x="2.5" y="6" width="13" height="12" rx="2" />
      <path d="M15.5 10.5l6-3.5v10l-6-3.5z" />
      {off ? SLASH : <g />}
    </Icon>
  );
}

export function LeaveIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M9.5 20.5H5a1.5 1.5 0 0 1-1.5-1.5V5A1.5 1.5 0 0 1 5 3.5h4.5M15.5 16.5L20 12l-4.5-4.5M20 12H9" />
    </Icon>
  );
}
