/** Privacy and no-recording notice shown before joining (§ 201 StGB; quiet room). */
import type { JSX } from 'preact';
import { useUi } from '../context.ts';

/** `privacyUrl`: the city's privacy statement (config PRIVACY_URL), opened in a new tab. */
export function Notices({ privacyUrl }: { privacyUrl: string | null }): JSX.Element {
  const { t } = useUi();
  return (
    <section class="va-notices" aria-labelledby="va-notices-title">
      <h2 id="va-notices-title" class="va-notices-title">
        {t('noticesTitle')}
      </h2>
      <ul class="va-notice-list">
        <li>
          <strong>{t('noticeNoRecording')}</strong>
        </li>
        <li>{t('noticeRecordingForbidden')}</li>
        <li>{t('noticeQuietRoom')}</li>
        <li>
          {t('noticePrivacy')}{' '}
          {privacyUrl ? (
            <a href={privacyUrl} target="_blank" rel="noopener noreferrer" data-testid="privacy-link">
              {t('noticePrivacyLink')}
              <span class="va-visually-hidden"> {t('opensInNewTab')}</span>
            </a>
          ) : null}
        </li>
      </ul>
    </section>
  );
}
