/**
 * TURN credentials in coturn's REST API scheme (use-auth-secret / static-auth-secret):
 * username `<unix expiry>:<participant id>`, password `base64(HMAC-SHA1(secret, username))`.
 * See https://github.com/coturn/coturn/blob/master/README.turnserver ("--use-auth-secret") and
 * draft-uberti-behave-turn-rest-00.
 */
import { createHmac } from 'node:crypto';
import type { IceServerInfo, MediaMode, MediaSettings } from '../contract/signalling.ts';

export interface TurnSettings {
  urls: string[];
  secret: string | undefined;
  relayOnly: boolean;
  credentialTtlSeconds: number;
}

/** Credentials valid until `expiresAt` (whole seconds). */
export function turnCredentials(
  secret: string,
  participantId: string,
  expiresAt: Date,
): { username: string; credential: string } {
  const username = `${Math.floor(expiresAt.getTime() / 1000)}:${participantId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** Whether TURN relays are usable: a secret and at least one turn:/turns: URI. */
export function turnConfigured(turn: TurnSettings): boolean {
  return Boolean(turn.secret) && turn.urls.some((u) => u.startsWith('turn'));
}

/** When credentials issued at `now` expire (whole seconds, as in the username): after the TTL, never beyond `notAfter`. */
export function credentialExpiry(turn: TurnSettings, notAfter: Date, now: Date): Date {
  const ms = Math.min(now.getTime() + turn.credentialTtlSeconds * 1000, notAfter.getTime());
  return new Date(Math.floor(ms / 1000) * 1000);
}

/**
 * The media settings an admitted participant receives. TURN credentials live for the configured TTL but
 * never beyond `notAfter` (the end of the participant's session window, derived from the token's `exp`).
 */
export function mediaSettingsFor(args: {
  mode: MediaMode;
  turn: TurnSettings;
  participantId: string;
  notAfter: Date;
  now?: Date;
}): Omit<MediaSettings, 'maxParticipants'> {
  const { turn } = args;
  const now = args.now ?? new Date();
  const iceServers: IceServerInfo[] = [];
  const stun = turn.urls.filter((u) => u.startsWith('stun'));
  const relays = turn.urls.filter((u) => u.startsWith('turn'));
  if (stun.length > 0) iceServers.push({ urls: stun });
  if (relays.length > 0 && turn.secret) {
    iceServers.push({
      urls: relays,
      ...turnCredentials(turn.secret, args.participantId, credentialExpiry(turn, args.notAfter, now)),
    });
  }
  return {
    mode: args.mode,
    iceServers,
    iceTransportPolicy: turn.relayOnly && turnConfigured(turn) ? 'relay' : 'all',
  };
}
