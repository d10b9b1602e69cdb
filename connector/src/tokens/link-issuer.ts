/**
 * Issues the link set of an appointment (shared-api.md):
 * citizen `${VIDEO_PUBLIC_URL}/join#<token>`, clerk `${VIDEO_PUBLIC_URL}/join#<token>`,
 * cancel `${PUBLIC_URL}/cancel#<token>`, ics `${PUBLIC_URL}/appointments/<id>.ics?key=<capability>`.
 * Tokens travel in the fragment so they never reach a server log or a Referer header.
 */
import type { Appointment } from '../domain/appointment.ts';
import type { IssuedLinks, LinkIssuer, LinkSubject } from '../domain/ports.ts';
import { issueCancelToken } from './cancel-token.ts';
import { capabilityMatches, newCapability } from './capability.ts';
import { issueJoinToken, participantId } from './join-token.ts';
import type { SigningKey } from './signing-key.ts';

export interface LinkIssuerOptions {
  key: SigningKey;
  /** The connector's PUBLIC_URL; a function because with PORT=0 it is known only after listen(). */
  publicUrl: () => string;
  videoPublicUrl: string;
  opensMinutesBefore: number;
  graceMinutesAfter: number;
  now: () => Date;
}

const MINUTE = 60_000;

export function createLinkIssuer(options: LinkIssuerOptions): LinkIssuer {
  const window = (a: LinkSubject) => ({
    notBefore: new Date(a.start.getTime() - options.opensMinutesBefore * MINUTE),
    expiresAt: new Date(a.end.getTime() + options.graceMinutesAfter * MINUTE),
  });
  const info = (a: LinkSubject, locale: string | undefined) => ({
    id: a.id,
    title: a.title,
    start: a.start.toISOString(),
    end: a.end.toISOString(),
    tz: a.timezone,
    services: a.services,
    ...(locale ? { locale } : {}),
  });
  const citizenToken = (a: LinkSubject, jti?: string) =>
    issueJoinToken(options.key, {
      issuer: options.publicUrl(),
      room: a.roomId,
      role: 'citizen',
      subject: participantId('citizen', a.id),
      name: a.citizen.name,
      appointment: info(a, a.citizen.locale ?? 'de'),
      ...window(a),
      jti,
      now: options.now(),
    });
  const joinLink = (token: string) => `${options.videoPublicUrl}/join#${token}`;

  return {
    issue(a) {
      const citizen = citizenToken(a);
      const clerk = issueJoinToken(options.key, {
        issuer: options.publicUrl(),
        room: a.roomId,
        role: 'clerk',
        subject: participantId('clerk', a.clerk?.id ?? a.id),
        name: a.clerk?.name ?? 'Sachbearbeitung',
        appointment: info(a, undefined),
        ...window(a),
        now: options.now(),
      });
      const cancel = issueCancelToken(options.key, {
        issuer: options.publicUrl(),
        appointmentId: a.id,
        expiresAt: a.start,
        now: options.now(),
      });
      const ics = newCapability();
      const issued: IssuedLinks = {
        links: {
          citizen: joinLink(citizen.token),
          clerk: joinLink(clerk.token),
          cancel: `${options.publicUrl()}/cancel#${cancel.token}`,
          ics: `${options.publicUrl()}/appointments/${a.id}.ics?key=${ics.key}`,
        },
        credentials: { citizenJti: citizen.jti, clerkJti: clerk.jti, cancelJti: cancel.jti, icsKeyHash: ics.hash },
      };
      return issued;
    },

    citizenJoinLink(a: Appointment) {
      return joinLink(citizenToken(a, a.credentials.citizenJti).token);
    },

    icsKeyMatches: capabilityMatches,
  };
}
