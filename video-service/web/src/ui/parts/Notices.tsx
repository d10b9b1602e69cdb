/** Privacy and no-recording notice shown before joining (§ 201 StGB; quiet room). */
import type { JSX } from 'preact';
import { useUi } from '../context.ts';

export function Notices(): JSX.Element {
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
        <li>{t('noticePrivacy')}</li>
      </ul>
    </section>
  );
}
