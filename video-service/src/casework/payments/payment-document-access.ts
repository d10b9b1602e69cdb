/** The sealed receipt or fee notice of a payment: for an admitted clerk or citizen of its room, or through a link. */
import { createHash } from 'node:crypto';
import { NotFound, Unauthorized } from '../../errors.ts';
import type { PaymentRecord } from '../store/payments.ts';
import { assertAdmitted, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';

/** The stored bytes, refused when they no longer match the payment's record. */
async function documentBytes(deps: CaseworkDeps, p: PaymentRecord): Promise<{ fileName: string; bytes: Buffer }> {
  if (!p.documentStorage || !p.documentSha256) throw new NotFound('No such payment document.');
  const bytes = await deps.blobs.read('documents', p.documentStorage);
  if (createHash('sha256').update(bytes).digest('hex') !== p.documentSha256)
    throw new Error(`stored document of payment ${p.id} does not match its record`);
  const kind = p.state === 'invoiced' ? 'gebuehrenbescheid' : 'zahlungsbestaetigung';
  return { fileName: `${kind}-${p.id.slice(0, 8)}.pdf`, bytes };
}

export async function paymentDocument(
  deps: CaseworkDeps,
  actor: Actor,
  paymentId: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  assertRole(actor, 'clerk', 'citizen');
  await assertAdmitted(deps, actor);
  const p = await deps.store.payments.get(paymentId);
  if (!p || p.room !== actor.room) throw new NotFound('No such payment document.');
  return documentBytes(deps, p);
}

/** A download through the documents page's link (capability `payment-document`, no session). */
export async function paymentDocumentByLink(
  deps: CaseworkDeps,
  token: string,
): Promise<{ fileName: string; bytes: Buffer } | null> {
  const capability = deps.capabilities.check(token, 'payment-document', deps.now());
  if (!capability) return null;
  const p = await deps.store.payments.get(capability.subject);
  if (!p) throw new Unauthorized('The document is no longer kept here.', { reason: 'expired' });
  return documentBytes(deps, p);
}
