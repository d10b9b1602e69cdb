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

export function SwitchCameraIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 8h3l2-2.5h6L17 8h3v11H4z" />
      <path d="M9.5 13.5a2.5 2.5 0 0 0 4.6 1.3M14.5 12.5a2.5 2.5 0 0 0-4.6-1.3M14.3 15.8v-1.6h-1.6M9.7 10.2v1.6h1.6" />
    </Icon>
  );
}

export function ScreenIcon(): JSX.Element {
  return (
    <Icon>
      <rect x="2.5" y="4" width="19" height="13" rx="1.5" />
      <path d="M8 21h8M12 17v4M12 13.5V7.5M9.5 10L12 7.5l2.5 2.5" />
    </Icon>
  );
}

export function ChatIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 5h16v11H9l-5 4z" />
    </Icon>
  );
}

export function CaseIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M6 3h9l4 4v14H6zM9 11h7M9 15h7" />
    </Icon>
  );
}

export function EndIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M3 14.5c5-4.7 13-4.7 18 0l-2.5 3-3.5-1.5v-2.5a10 10 0 0 0-6 0V16l-3.5 1.5z" />
    </Icon>
  );
}

/** Signal bars: as many filled as the level is good (3, 2, 1). */
export function QualityIcon({ bars }: { bars: number }): JSX.Element {
  return (
    <Icon>
      {[0, 1, 2].map((index) => (
        <rect
          key={index}
          x={4 + index * 6}
          y={16 - index * 5}
          width="4"
          height={4 + index * 5}
          rx="1"
          class={index < bars ? 'va-bar-on' : 'va-bar-off'}
        />
      ))}
    </Icon>
  );
}

const STATUS_PATHS: Record<string, string> = {
  ok: 'M5 12.5l4.5 4.5L19 7.5',
  warn: 'M12 3.5l9.5 17h-19zM12 10v4.5M12 17.5v.5',
  fail: 'M6 6l12 12M18 6L6 18',
  pending: 'M5 12h.5M12 12h.5M19 12h.5',
  later: 'M12 3.5a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17M12 7.5V12l3 2',
};

export function StatusIcon({ status }: { status: string }): JSX.Element {
  return (
    <Icon>
      <path d={STATUS_PATHS[status] ?? STATUS_PATHS.pending!} />
    </Icon>
  );
}
