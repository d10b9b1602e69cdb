/**
 * Use case: the video service presents a short link's id (docs/adr/0011) and gets the join token it stands
 * for — signed now, for the appointment's CURRENT token id, with the same window as ever. Nothing is
 * created: an id is only ever the current link of its appointment, or refused.
 *
 * Story: the id turns back into a token id (or it is not ours: `invalid`) → superseded by a reschedule,
 * reissue or cancellation? `revoked` → the appointment holding it as its current citizen or clerk token id
 * → that token; else a guest invitation holding it (docs/adr/0190) → the guest's token. Expiry and "not yet open" are the token's to say: the video service verifies it as any other.
 */
import type { DomainDeps } from './ports.ts';

export type ResolvedJoinLink = { ok: true; token: string } | { ok: false; reason: 'invalid' | 'revoked' };

export async function resolveJoinLink(
  deps: Pick<DomainDeps, 'uow' | 'links'>,
  linkId: string,
): Promise<ResolvedJoinLink> {
  const jti = deps.links.jtiOfLinkId(linkId);
  if (!jti) return { ok: false, reason: 'invalid' };
  return deps.uow.run(async (repos) => {
    if (await repos.revocations.isRevoked(jti)) return { ok: false, reason: 'revoked' };
    const found = await repos.appointments.findByJoinJti(jti);
    if (!found) {
      // A guest's link (docs/adr/0190): its own token id; a withdrawn one was recorded as revoked above.
      const guest = await repos.guests.findByJti(jti);
      const appointment = guest && !guest.revokedAt ? await repos.appointments.findById(guest.appointmentId) : null;
      if (guest?.revokedAt) return { ok: false, reason: 'revoked' };
      if (guest && appointment?.status === 'scheduled')
        return { ok: true, token: deps.links.guestToken(appointment, guest) };
    }
    // A jti that is neither current nor recorded as revoked: its appointment is gone (retention), or the
    // revocation record was pruned after the token's expiry.
    if (!found) return { ok: false, reason: 'invalid' };
    return { ok: true, token: deps.links.joinToken(found.appointment, found.role) };
  });
}
