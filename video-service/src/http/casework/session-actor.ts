/**
 * The acting participant of an HTTP request: the session from `Authorization: Bearer <sessionToken>` or
 * the `va_session` cookie, resolved (and renewed) by the session use cases. No session → 401.
 */
import type { Request } from 'express';
import type { Actor } from '../../casework/access.ts';
import { SESSION_COOKIE } from '../../contract/session.ts';
import { Unauthorized } from '../../errors.ts';
import { readCookie } from '../cookies.ts';

export type ResolveActor = (sessionToken: string) => Promise<Actor>;

export async function actorOfRequest(req: Request, resolve: ResolveActor): Promise<Actor> {
  const bearer = req.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const token = bearer ?? readCookie(req.get('cookie'), SESSION_COOKIE);
  if (!token) throw new Unauthorized('No session. Please open your link again.', { reason: 'invalid' });
  return resolve(token);
}
