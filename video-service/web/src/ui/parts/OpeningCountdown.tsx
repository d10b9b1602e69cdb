/**
 * The early page's countdown (issue 11, item 14): "Der Raum öffnet in 12 Minuten, um 10:20 Uhr (MEZ)", in the
 * appointment's language and zone. A timer, not a live region: it changes every second near the end and
 * would drown a screen reader; the heading and the hint say what happens. The page moves on by itself
 * (RoomClient), this only counts.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { EarlyAppointment } from '@virtuelles-amt/video-service/contract/session';
import { formatOpening } from '../../i18n/format.ts';
import { useUi } from '../context.ts';

export function OpeningCountdown({ early }: { early: EarlyAppointment }): JSX.Element {
  const { t, lang } = useUi();
  const [now, setNow] = useState(Date.now());
  const left = Date.parse(early.opensAt) - now;
  useEffect(() => {
    // Every second in the last two minutes (the seconds show), else twice a minute.
    const timer = setTimeout(() => setNow(Date.now()), left < 120_000 ? 1000 : 30_000);
    return () => clearTimeout(timer);
  }, [now, left]);
  const opening = formatOpening(early.opensAt, early.tz, lang, now);
  return (
    <section class="va-panel va-opening" aria-labelledby="va-opening-title" data-testid="opening-countdown">
      <h2 id="va-opening-title" class="va-panel-title">
        {t('earlyTitle')}
      </h2>
      <p class="va-opening-time" role="timer" data-testid="opening-countdown-text">
        {left > 0 ? t('earlyCountdown', opening) : t('earlyOpeningNow')}
      </p>
      <p class="va-hint">{t('earlyHint')}</p>
    </section>
  );
}
