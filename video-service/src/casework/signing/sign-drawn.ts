/** The citizen signs a frozen document by drawing; the signature is checked before the document is claimed. */
import type { DocumentInfo, DrawnSignature } from '../../contract/casework.ts';
import { InvalidState, NotFound } from '../../errors.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import { checkDrawnSignature } from '../documents/signature-image.ts';
import { sealClaimedDocument } from './seal-document.ts';

export async function signByDrawing(
  deps: CaseworkDeps,
  actor: Actor,
  documentId: string,
  signature: DrawnSignature,
): Promise<DocumentInfo> {
  assertRole(actor, 'citizen');
  await assertCanChange(deps, actor);
  const document = await deps.store.documents.get(documentId);
  if (!document || document.room !== actor.room) throw new NotFound('No such document in this room.');
  const image = await checkDrawnSignature(signature);
  if (!(await deps.store.documents.claimForSealing(document.id)))
    throw new InvalidState('This document is already signed (or being signed).', { reason: 'already_signed' });
  return sealClaimedDocument(deps, actor, { ...document, status: 'sealing' }, { method: 'drawn', image });
}
