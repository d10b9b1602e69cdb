/**
 * Join tokens for the video service. The claims are the video service's contract
 * (video-service/src/contract/join-token.ts, docs/join-token.md); they are validated against its
 * schema before signing, so the connector can never issue a token the video service would refuse.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import {
  JOIN_TOKEN_ALGORITHM,
  JOIN_TOKEN_AUDIENCE,
  joinClaimsSchema,
  type AppointmentInfo,
  type JoinClaims,
  type Role,
} from '@virtuelles-amt/video-service/contract/join-token';
import type { SigningKey } from './signing-key.ts';

export interface JoinTokenInput {
  /** Our PUBLIC_URL. */
  issuer: string;
  room: string;
  role: Role;
  /** Participant id; the seat in the room is keyed by it. */
  subject: string;
  name: string;
  appointment: AppointmentInfo;
  /** The room opens (`nbf`). */
  notBefore: Date;
  /** `exp`. */
  expiresAt: Date;
  /** Reuse an existing token id (re-signing a still valid link); a new one otherwise. */
  jti?: string;
  now?: Date;
}

export interface IssuedToken {
  token: string;
  jti: string;
  claims: JoinClaims;
}

/** Signs a join token: ES256 with `kid` in the header. @throws ZodError if the claims break the contract. */
export function issueJoinToken(key: SigningKey, input: JoinTokenInput): IssuedToken {
  const prepared = prepareJoinToken(key, input);
  return { token: prepared.sign(), jti: prepared.jti, claims: prepared.claims };
}

/**
 * Checks the claims now and signs when asked (once): links are often stored without anyone reading them
 * (a feed import without citizen addresses), and the signature is the costly part.
 * @throws ZodError if the claims break the contract.
 */
export function prepareJoinToken(
  key: SigningKey,
  input: JoinTokenInput,
): { jti: string; claims: JoinClaims; sign(): string } {
  const claims = joinClaimsSchema.parse({
    iss: input.issuer,
    aud: JOIN_TOKEN_AUDIENCE,
    sub: input.subject,
    jti: input.jti ?? randomUUID(),
    iat: seconds(input.now ?? new Date()),
    nbf: seconds(input.notBefore),
    exp: seconds(input.expiresAt),
    room: input.room,
    role: input.role,
    name: input.name,
    appt: input.appointment,
  });
  let token: string | undefined;
  return {
    jti: claims.jti,
    claims,
    sign: () => (token ??= jwt.sign(claims, key.privateKey, { algorithm: JOIN_TOKEN_ALGORITHM, keyid: key.kid })),
  };
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** Participant ids: `[a-z0-9-]`, at most 64 characters, prefixed by the role. */
export function participantId(prefix: 'citizen' | 'clerk' | 'guest', id: string): string {
  const clean = id
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64 - prefix.length - 1);
  return `${prefix}-${clean || 'x'}`;
}
