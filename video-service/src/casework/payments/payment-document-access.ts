/** The sealed receipt or fee notice of a payment, for an admitted clerk or citizen of its room. */
import { createHash } from 'node:crypto';
import { NotFound } from '../../errors.ts';
import { assertAdmitted, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';

export async function paymentDocument(deps: CaseworkDeps, actor: Actor, paymentId: string): Promise<{ fileName: string; bytes: Buffer }> {
  assertRole(actor, 'clerk', 'citizen');
  await assertAdmitted(deps, actor);
  const p = await deps.store.payments.get(paymentId);
  if (!p || p.room !== actor.room || !p.documentStorage || !p.documentSha256) throw new NotFound('No such payment document.');
  const bytes = await deps.blobs.read('documents', p.documentStorage);
  if (createHash('sha256').update(bytes).digest('hex') !== p.documentSha256) throw new Error(`stored document of payment ${p.id} does not match its record`);
  const kind = p.state === 'invoiced' ? 'gebuehrenbescheid' : 'zahlungsbestaetigung';
  return { fileName: `${kind}-${p.id.slice(0, 8)}.pdf`, bytes };
}
