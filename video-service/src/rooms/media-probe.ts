/**
 * ICE servers for the connectivity check before joining (issue 4, "Before joining"): a citizen behind a strict
 * firewall should learn on the device-check page, not when the clerk admits them, that no TURN relay is
 * reachable. The credentials are the coturn REST ones of turn.ts with a short life (≤ 10 min, and never
 * beyond the session window), bound to the participant id. They reveal nothing of the room and open no path
 * to anyone: the server relays signals only between admitted participants (rooms/relay.ts), so a relay
 * allocated with them can only be used to look at one's own candidates.
 */
import type { MediaProbe } from '../contract/signalling.ts';
import { nowOf, type RoomDeps } from './deps.ts';
import { assertRoomOpen } from './call-presence.ts';
import { loadSession } from '../sessions/sessions.ts';
import { sessionHardLimit } from '../sessions/session-policy.ts';
import { credentialExpiry, mediaSettingsFor, turnConfigured } from '../media/turn.ts';

/** Lifetime of check credentials: long enough for a slow check and "check again", short enough to be useless later. */
export const PROBE_CREDENTIAL_TTL_SECONDS = 10 * 60;

/**
 * The check's ICE servers for the session's participant. Throws `Unauthorized` (session revoked, expired,
 * unknown) or `InvalidState` + `room_closed`.
 */
export async function probeMedia(deps: RoomDeps, input: { sessionId: string }): Promise<MediaProbe> {
  const session = await loadSession(deps, input.sessionId);
  await assertRoomOpen(deps, session.room, session.tokenIat);
  const now = nowOf(deps);
  const turn = {
    ...deps.media.turn,
    credentialTtlSeconds: Math.min(deps.media.turn.credentialTtlSeconds, PROBE_CREDENTIAL_TTL_SECONDS),
  };
  const notAfter = sessionHardLimit(session.tokenExp);
  const settings = mediaSettingsFor({
    mode: deps.media.mode,
    turn,
    participantId: session.participantId,
    notAfter,
    now,
  });
  const relayed = turnConfigured(turn);
  deps.log.info(
    { room: session.room, participant: session.participantId, turn: relayed },
    'probeMedia() | check credentials issued',
  );
  return {
    iceServers: settings.iceServers,
    iceTransportPolicy: settings.iceTransportPolicy,
    expiresAt: relayed ? credentialExpiry(turn, notAfter, now).toISOString() : null,
  };
}
