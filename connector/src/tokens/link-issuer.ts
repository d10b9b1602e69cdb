/**
 * Issues the link set of an appointment (shared-api.md):
 * citizen `${VIDEO_PUBLIC_URL}/join#<link id>`, clerk `${VIDEO_PUBLIC_URL}/join#<link id>` (22 characters,
 * ./link-id.ts, docs/adr/0011; with JOIN_LINKS=token: `#<join token>`),
 * cancel `${PUBLIC_URL}/cancel#<token>`, ics `${PUBLIC_URL}/appointments/<id>.ics?key=<capability>`.
 * Ids and tokens travel in the fragment so they never reach a server log or a Referer header.
 */
import type { Appointment } from '../domain/appointment.ts';
import { hkdfSync } from 'node:crypto';
import type { GuestTokenSubject, LinkIssuer, LinkSubject } from '../domain/ports.ts';
import { issueCancelToken } from './cancel-token.ts';
import { capabilityMatches, deriveCapability } from './capability.ts';
import { randomUUID } from 'node:crypto';
import { issueJoinToken, participantId, prepareJoinToken, type JoinTokenInput } from './join-token.ts';
import { createLinkIdCodec } from './link-id.ts';
import type { SigningKey } from './signing-key.ts';
import { clerkVerifyClaim } from '../domain/verify-facts.ts';

export interface LinkIssuerOptions {
  key: SigningKey;
  /** The connector's PUBLIC_URL; a function because with PORT=0 it is known only after listen(). */
  publicUrl: () => string;
  videoPublicUrl: string;
  opensMinutesBefore: number;
  graceMinutesAfter: number;
  /** `short` (default): join links carry a link id; `token`: the whole join token (JOIN_LINKS). */
  joinLinks?: 'short' | 'token';
  now: () => Date;
}

const MINUTE = 60_000;

const verifyOf = (a: LinkSubject) => {
  const verify = clerkVerifyClaim(a.citizen);
  return verify ? { verify } : {};
};

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
  const citizenInput = (a: LinkSubject, jti?: string): JoinTokenInput => ({
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
  const clerkInput = (a: LinkSubject, jti?: string): JoinTokenInput => ({
    issuer: options.publicUrl(),
    room: a.roomId,
    role: 'clerk',
    subject: participantId('clerk', a.clerk?.id ?? a.id),
    name: a.clerk?.name ?? 'Sachbearbeitung',
    // Only the clerk's token carries the booking facts for the ID check's questions (docs/adr/0015).
    appointment: { ...info(a, undefined), ...verifyOf(a) },
    ...window(a),
    jti,
    now: options.now(),
  });
  // A guest (issue 15, docs/adr/0190): its own seat (`guest-<invitation id>`), its own token id and expiry,
  // the appointment's title and times but none of the citizen's facts; German, like the guest's mail.
  const guestInput = (a: LinkSubject, g: GuestTokenSubject, jti?: string): JoinTokenInput => ({
    issuer: options.publicUrl(),
    room: a.roomId,
    role: 'guest',
    subject: participantId('guest', g.id),
    name: g.name,
    appointment: info(a, 'de'),
    notBefore: window(a).notBefore,
    expiresAt: g.expiresAt,
    jti,
    now: options.now(),
  });
  const guestToken = (a: LinkSubject, g: GuestTokenSubject & { jti: string }) =>
    issueJoinToken(options.key, guestInput(a, g, g.jti)).token;
  const citizenToken = (a: LinkSubject, jti?: string) => issueJoinToken(options.key, citizenInput(a, jti));
  const clerkToken = (a: LinkSubject, jti?: string) => issueJoinToken(options.key, clerkInput(a, jti));
  const cancelToken = (a: LinkSubject, jti?: string) =>
    issueCancelToken(options.key, {
      issuer: options.publicUrl(),
      appointmentId: a.id,
      expiresAt: a.start,
      jti,
      now: options.now(),
    });
  // The .ics key is an HMAC of (appointment id, citizen jti) under a key derived from the signing key:
  // it changes with every new link set and can be derived again for API answers (docs/adr/0004).
  const icsSecret = Buffer.from(
    hkdfSync(
      'sha256',
      options.key.privateKey.export({ format: 'der', type: 'pkcs8' }),
      '',
      'va-connector ics link key v1',
      32,
    ),
  );
  const icsCapability = (appointmentId: string, citizenJti: string) =>
    deriveCapability(icsSecret, `${appointmentId}.${citizenJti}`);
  const icsLink = (appointmentId: string, key: string) =>
    `${options.publicUrl()}/appointments/${appointmentId}.ics?key=${key}`;
  const linkIds = createLinkIdCodec(options.key);
  const short = (options.joinLinks ?? 'short') === 'short';
  /** The join link for token id `jti`: its link id, or (JOIN_LINKS=token, a non-UUID jti) the signed token. */
  const joinLink = (jti: string, sign: () => string) =>
    `${options.videoPublicUrl}/join#${(short && linkIds.idFor(jti)) || sign()}`;
  const cancelLink = (token: string) => `${options.publicUrl()}/cancel#${token}`;

  return {
    issue(a) {
      // Token ids and claims now (checked against the contract, so a bad booking fails its transaction);
      // each signature when its link is first read (mail, answer, outbound event) — a feed import without
      // citizen addresses and without webhook receivers reads none.
      const citizen = prepareJoinToken(options.key, citizenInput(a));
      const clerk = prepareJoinToken(options.key, clerkInput(a));
      const cancelJti = randomUUID();
      let cancel: string | undefined;
      const ics = icsCapability(a.id, citizen.jti);
      return {
        links: {
          get citizen() {
            return joinLink(citizen.jti, citizen.sign);
          },
          get clerk() {
            return joinLink(clerk.jti, clerk.sign);
          },
          get cancel() {
            return (cancel ??= cancelLink(cancelToken(a, cancelJti).token));
          },
          ics: icsLink(a.id, ics.key),
        },
        credentials: { citizenJti: citizen.jti, clerkJti: clerk.jti, cancelJti, icsKeyHash: ics.hash },
      };
    },

    currentLinks(a: Appointment) {
      const { credentials: c } = a;
      const ics = icsCapability(a.id, c.citizenJti);
      return {
        citizen: joinLink(c.citizenJti, () => citizenToken(a, c.citizenJti).token),
        clerk: joinLink(c.clerkJti, () => clerkToken(a, c.clerkJti).token),
        cancel: cancelLink(cancelToken(a, c.cancelJti).token),
        // Appointments whose key was random (before this scheme) or made with another signing key: not derivable.
        ics: capabilityMatches(ics.key, c.icsKeyHash) ? icsLink(a.id, ics.key) : null,
      };
    },

    citizenJoinLink(a: Appointment) {
      return joinLink(a.credentials.citizenJti, () => citizenToken(a, a.credentials.citizenJti).token);
    },

    clerkJoinLink(a: Appointment) {
      return joinLink(a.credentials.clerkJti, () => clerkToken(a, a.credentials.clerkJti).token);
    },

    joinToken(a: Appointment, role: 'citizen' | 'clerk') {
      return role === 'citizen'
        ? citizenToken(a, a.credentials.citizenJti).token
        : clerkToken(a, a.credentials.clerkJti).token;
    },

    newGuestJti: (a, g) => prepareJoinToken(options.key, guestInput(a, g)).jti,

    guestJoinLink: (a, g) => joinLink(g.jti, () => guestToken(a, g)),

    guestToken: (a, g) => guestToken(a, g),

    guestExpiryLimit: (a) => new Date(a.end.getTime() + options.graceMinutesAfter * MINUTE),

    jtiOfLinkId: (linkId: string) => linkIds.jtiOf(linkId),

    icsKeyMatches: capabilityMatches,
  };
}
