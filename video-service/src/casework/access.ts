/**
 * Who may do what in a case. The actor comes from the session (room, participant, role), never from a
 * payload, so a participant of room A can only ever name room A. Every request needs an admitted
 * participant (clerks always are); editing stops when the room is closed or the clerk finished the case.
 */
import type { Role } from '../contract/join-token.ts';
import { Forbidden, InvalidState } from '../errors.ts';
import type { CaseworkDeps } from './deps.ts';

export interface Actor {
  room: string;
  id: string;
  role: Role;
  name: string;
  /** The appointment's language (BCP 47), where it matters: a signer's sealed document adds a note in it. */
  locale?: string;
}

/** Throws `Forbidden` unless the actor is a clerk or an admitted participant of their room. */
export async function assertAdmitted(deps: Pick<CaseworkDeps, 'admissions'>, actor: Actor): Promise<void> {
  if (actor.role === 'clerk') return;
  if (!(await deps.admissions.isAdmitted(actor.room, actor.id)))
    throw new Forbidden('Only admitted participants of this room may do this.');
}

/** Admitted, the room is still open and the case not finished (for changes). */
export async function assertCanChange(deps: Pick<CaseworkDeps, 'admissions' | 'store'>, actor: Actor): Promise<void> {
  await assertAdmitted(deps, actor);
  if (await deps.admissions.isClosed(actor.room))
    throw new InvalidState('The room is closed.', { reason: 'room_closed' });
  if ((await deps.store.cases.get(actor.room))?.finishedAt)
    throw new InvalidState('The case is finished; nothing in it can be changed any more.', { reason: 'case_finished' });
}

export function assertRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw new Forbidden(`Only ${roles.join(' or ')} may do this.`);
}
