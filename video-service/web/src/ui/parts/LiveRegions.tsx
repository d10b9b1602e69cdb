/**
 * Screen-reader announcements. The polite region is always in the page (regions created together with
 * their text are often not read); the reconnecting notice is an alert, visible as an overlay.
 */
import type { JSX } from 'preact';
import type { Announcement } from '../../state.ts';
import { useUi } from '../context.ts';

export function Announcer({ announcement }: { announcement: Announcement | null }): JSX.Element {
  const { t } = useUi();
  return (
    <div class="va-visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {announcement ? <span key={announcement.seq}>{t(announcement.key, announcement.params)}</span> : null}
    </div>
  );
}

export function ReconnectingOverlay(): JSX.Element {
  const { t } = useUi();
  return (
    <div class="va-overlay" data-testid="reconnecting">
      <div class="va-overlay-box" role="alert">
        <span class="va-spinner" aria-hidden="true" />
        <span>{t('reconnecting')}</span>
      </div>
    </div>
  );
}
