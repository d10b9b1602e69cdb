/**
 * The domain's MailComposer: the citizen's mail with the calendar file attached
 * (METHOD:REQUEST with `text/calendar; method=REQUEST`, METHOD:CANCEL with `method=CANCEL` for a
 * cancellation — the MIME parameter always matches the file's METHOD).
 */
import type { InlineImage, MailComposer } from '../domain/ports.ts';
import type { MunicipalityProfile } from '@virtuelles-amt/video-service/shared/municipality-profile';
import type { Catalogue } from './catalogue.ts';
import { citizenCalendar, ICS_FILE_NAME as FILE_NAME } from './citizen-calendar.ts';
import { renderGuestMail } from './guest-mail.ts';
import { logoCid, renderCitizenMail } from './render-citizen-mail.ts';

export interface ComposerOptions {
  catalogue: Catalogue;
  opensMinutesBefore: number;
  /** MAIL_FROM, e.g. `"Bürgeramt" <buergeramt@example.org>`; becomes the invitation's ORGANIZER. */
  mailFrom: string;
  /** Who signs the mail (MUNICIPALITY_PROFILE). */
  municipality: MunicipalityProfile;
  /** The connector's public URL (UID host); a function because it is known only after listen(). */
  publicUrl: () => string;
}

export function citizenMailComposer(options: ComposerOptions): MailComposer {
  const calendar = citizenCalendar({ ...options, organizer: parseAddress(options.mailFrom) });
  const logo = options.municipality.brand.logo;
  // The logo travels inside the mail (`cid:` in the HTML part): no remote image for the client to block.
  const inline: InlineImage[] = logo
    ? [
        {
          cid: logoCid(logo),
          filename: 'logo.png',
          contentType: logo.contentType,
          content: logo.bytes.toString('base64'),
        },
      ]
    : [];
  return {
    composeGuest(kind, appointment, guest, joinUrl) {
      return renderGuestMail({ kind, appointment, guest, joinUrl, municipality: options.municipality });
    },
    compose(kind, appointment, links, documents) {
      const rendered = renderCitizenMail(kind, appointment, links, options, documents);
      // The mail after the case changes nothing in the calendar: no invitation attached.
      if (kind === 'documents')
        return {
          to: [appointment.citizen.email],
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          attachments: [],
          inline,
        };
      const ics = calendar.invitation(appointment, kind === 'cancelled' ? null : links);
      return {
        to: [appointment.citizen.email],
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        attachments: [
          {
            filename: FILE_NAME[rendered.language],
            contentType: `text/calendar; charset=utf-8; method=${ics.method}`,
            content: ics.content,
          },
        ],
        inline,
      };
    },
  };
}

/** `"Name" <a@b>` or `Name <a@b>` or `a@b` → { name, email }. */
export function parseAddress(value: string): { name: string; email: string } {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^>]+)>\s*$/.exec(value);
  if (match) return { name: match[1]?.trim() || match[2]!, email: match[2]!.trim() };
  return { name: value.trim(), email: value.trim() };
}
