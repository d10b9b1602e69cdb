/** Date and time of the appointment, in the appointment's own zone. */
import type { JSX } from 'preact';
import type { AppointmentInfo } from '@virtuelles-amt/video-service/contract/join-token';
import { formatAppointmentDate, formatAppointmentTime } from '../../i18n/format.ts';
import { useUi } from '../context.ts';

/** `appointment`: a whole one, or the early page's start and zone (the time then without an end). */
export function AppointmentWhen({
  appointment,
}: {
  appointment: Pick<AppointmentInfo, 'start' | 'tz'> & { end?: string };
}): JSX.Element {
  const { lang } = useUi();
  const start = new Date(appointment.start);
  return (
    <p class="va-when">
      <time dateTime={Number.isNaN(start.getTime()) ? undefined : start.toISOString()}>
        <span class="va-when-date">{formatAppointmentDate(appointment, lang)}</span>
        <span class="va-when-time">{formatAppointmentTime(appointment, lang)}</span>
      </time>
    </p>
  );
}
