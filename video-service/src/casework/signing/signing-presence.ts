/**
 * The citizen opened or left the signing of a document (issue 11, item 13): the clerks hear it, so that their
 * panel says "is signing" only when the citizen really is. Nothing is stored; only the room's admitted
 * citizen may say it, and only of a document of this room that awaits the signature.
 */
import { InvalidState, NotFound } from '../../errors.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';

export async function announceSigning(deps: CaseworkDeps, actor: Actor, documentId: string, open: boolean): Promise<null> {
  assertRole(actor, 'citizen');
  await assertCanChange(deps, actor);
  const document = await deps.store.documents.get(documentId);
  if (!document || document.room !== actor.room) throw new NotFound('No such document in this room.');
  // Leaving a signing that has just sealed is no news; opening one that is not awaiting a signature is refused.
  if (document.status !== 'awaiting_signature') {
    if (!open) return null;
    throw new InvalidState('This document is already signed (or being signed).', { reason: 'already_signed' });
  }
  const presence = { documentId, participantId: actor.id, open };
  await deps.notify.send(actor.room, 'sign:presence', (recipient) => (recipient.role === 'clerk' ? presence : null));
  return null;
}
