/**
 * The citizen opened or left the signing of a document (issue 11, item 13): the clerks hear it, so that their
 * panel says "is signing" only when the citizen really is. Nothing is stored; only the room's admitted
 * citizen may say it, and only of a document of this room that awaits the signature. A connection that goes
 * away (or leaves the room) closes what it had open (`forgetSigning`); the citizen's page re-announces after a
 * reconnect.
 */
import type { SigningPresence } from '../../contract/casework.ts';
import { InvalidState, NotFound } from '../../errors.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';

export async function announceSigning(
  deps: CaseworkDeps,
  actor: Actor,
  connectionId: string,
  documentId: string,
  open: boolean,
): Promise<null> {
  assertRole(actor, 'citizen');
  await assertCanChange(deps, actor);
  const document = await deps.store.documents.get(documentId);
  if (!document || document.room !== actor.room) throw new NotFound('No such document in this room.');
  // Leaving a signing that has just sealed is no news; opening one that is not awaiting a signature is refused.
  if (document.status !== 'awaiting_signature') {
    if (!open) {
      deps.signing.set(actor.room, actor.id, connectionId, documentId, false);
      return null;
    }
    throw new InvalidState('This document is already signed (or being signed).', { reason: 'already_signed' });
  }
  deps.signing.set(actor.room, actor.id, connectionId, documentId, open);
  await tellClerks(deps, actor.room, { documentId, participantId: actor.id, open });
  return null;
}

/** The connection went away or left the room: the clerks hear "closed" for what only it had open. */
export async function forgetSigning(
  deps: CaseworkDeps,
  room: string,
  participantId: string,
  connectionId: string,
): Promise<void> {
  for (const documentId of deps.signing.drop(room, participantId, connectionId)) {
    await tellClerks(deps, room, { documentId, participantId, open: false });
  }
}

async function tellClerks(deps: CaseworkDeps, room: string, presence: SigningPresence): Promise<void> {
  await deps.notify.send(room, 'sign:presence', (recipient) => (recipient.role === 'clerk' ? presence : null));
}
