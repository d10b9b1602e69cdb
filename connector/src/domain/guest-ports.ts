/**
 * Guest invitations (issue 15): an interpreter or a second person a clerk or a scheduler invites into an
 * appointment's room. What the use cases (guest-invitations.ts) need from storage; persistence implements it.
 */

/** One invitation as stored. The link is derived from `jti` whenever it is shown (docs/adr/0190). */
export interface GuestInvitation {
  /** Lowercase UUID chosen by the connector; the guest's participant id is `guest-<id>`. */
  id: string;
  appointmentId: string;
  /** What the others see in the room, e.g. "Dolmetscherin Türkisch". */
  name: string;
  /** Where the invitation was mailed; null when the link was only shown. */
  email: string | null;
  /** The guest token's id (a random v4 UUID): revocation and the short link work on it. */
  jti: string;
  /** The token's `exp`: never later than the appointment's end + JOIN_GRACE_MINUTES_AFTER. */
  expiresAt: Date;
  /** `api:<client>:<Idempotency-Key>` or `clerk:<clerk id>:<key>`: one invitation per client request. */
  requestKey: string | null;
  /** `api` or `clerk:<id>` (who invited; no names). */
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface GuestInvitationRepository {
  /** Inserts; false when (appointment, requestKey) exists already (the unique index decides). */
  insert(invitation: GuestInvitation): Promise<boolean>;
  findById(appointmentId: string, id: string): Promise<GuestInvitation | null>;
  findByRequestKey(appointmentId: string, requestKey: string): Promise<GuestInvitation | null>;
  findByJti(jti: string): Promise<GuestInvitation | null>;
  /** Invitations not revoked, oldest first (expired ones included: the caller filters by time). */
  listActive(appointmentId: string): Promise<GuestInvitation[]>;
  /** Marks it revoked; false when it was revoked already. */
  revoke(id: string, at: Date): Promise<boolean>;
  /** A new token id and expiry (the appointment was moved). */
  replaceToken(id: string, jti: string, expiresAt: Date): Promise<void>;
}
