/**
 * The connector's root page (issue 13 item 4): people who open the server's address find the clerks'
 * workplace, and citizens learn where their own link is. German first, then English; the citizens' note
 * also in the languages the citizen mail has.
 */
import type { MunicipalityProfile } from '@virtuelles-amt/video-service/shared/municipality-profile';
import { escapeHtml as esc } from '../../notify/html.ts';
import { page } from './layout.ts';

/** The citizens' note per language of the mail (notify/mail-texts*.ts). */
const CITIZEN_NOTE: Array<{ lang: string; dir?: 'rtl'; text: string }> = [
  {
    lang: 'de',
    text: 'Sie haben einen Video-Termin gebucht? Ihr persönlicher Link steht in Ihrer Bestätigungsmail. Öffnen Sie ihn kurz vor dem Termin.',
  },
  {
    lang: 'en',
    text: 'Booked a video appointment? Your personal link is in your confirmation e-mail. Open it shortly before the appointment.',
  },
  {
    lang: 'tr',
    text: 'Görüntülü randevu mu aldınız? Kişisel bağlantınız onay e-postanızda. Randevudan kısa süre önce açın.',
  },
  {
    lang: 'ar',
    dir: 'rtl',
    text: 'هل حجزت موعدًا بالفيديو؟ رابطك الشخصي موجود في رسالة التأكيد. افتحه قبل الموعد بقليل.',
  },
  {
    lang: 'uk',
    text: 'Ви записалися на відеозустріч? Ваше особисте посилання є в листі-підтвердженні. Відкрийте його незадовго до зустрічі.',
  },
  {
    lang: 'ru',
    text: 'Вы записались на видеовстречу? Ваша личная ссылка находится в письме-подтверждении. Откройте её незадолго до встречи.',
  },
];

export function frontDoorPage(office?: MunicipalityProfile): string {
  const notes = CITIZEN_NOTE.map((n) => `<p lang="${n.lang}"${n.dir ? ` dir="${n.dir}"` : ''}>${esc(n.text)}</p>`).join(
    '\n',
  );
  return page({
    title: `${office ? `${office.name}: ` : ''}Video-Termine / Video appointments`,
    ...(office ? { office } : {}),
    body: `<main id="main" class="va-main">
<h1>${office ? `${esc(office.name)}: ` : ''}Video-Termine <span lang="en" class="va-en">Video appointments</span></h1>
<section aria-labelledby="va-clerks">
<h2 id="va-clerks">Für Mitarbeiterinnen und Mitarbeiter <span lang="en" class="va-en">For staff</span></h2>
<p>Ihre Video-Termine von heute, die Warteschlange Ihres Schalters und der Einstieg in den Termin. <span lang="en" class="va-en">Today’s video appointments, your desk’s waiting queue and joining the call.</span></p>
<p><a class="va-button" href="/clerk">Zum Arbeitsplatz <span lang="en" class="va-en">Go to the workplace</span></a></p>
</section>
<section aria-labelledby="va-citizens">
<h2 id="va-citizens">Für Bürgerinnen und Bürger <span lang="en" class="va-en">For citizens</span></h2>
${notes}
</section>
</main>`,
  });
}

/** The 404 a browser gets (API clients keep the JSON answer). */
export function notFoundPage(office?: MunicipalityProfile): string {
  return page({
    ...(office ? { office } : {}),
    title: 'Seite nicht gefunden / Page not found',
    body: `<main id="main" class="va-main">
<h1>Seite nicht gefunden <span lang="en" class="va-en">Page not found</span></h1>
<p>Diese Adresse gibt es hier nicht. Den Link zu Ihrem Termin finden Sie in Ihrer Bestätigungsmail. <span lang="en" class="va-en">This address does not exist here. The link to your appointment is in your confirmation e-mail.</span></p>
<p><a href="/">Zur Startseite <span lang="en" class="va-en">To the start page</span></a></p>
</main>`,
  });
}
