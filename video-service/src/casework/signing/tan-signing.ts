/**
 * Signing by TAN. `requestTan` makes a new 6-digit TAN for the document (replacing an earlier one), bound
 * to the document's data hash and valid for 5 minutes: a Hidden-TAN goes only to the citizen who asked
 * (in the reply), an SMS-TAN through the SMS gateway to the phone number in the frozen form. `confirmTan`
 * accepts it once; three wrong tries lock it. TANs are stored hashed and never logged.
 */
import { randomUUID } from 'node:crypto';
import type { DocumentInfo, TanChannel, TanIssued } from '../../contract/casework.ts';
import { InvalidInput, InvalidState, NotFound } from '../../errors.ts';
import type { DocumentRecord } from '../../persistence/casework/document-repository.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import type { FrozenEnvelope } from '../forms/freeze-form.ts';
import { sealClaimedDocument } from './seal-document.ts';
import { maskPhone, newSalt, newTan, tanHash, tanMatches, TAN_MAX_ATTEMPTS, TAN_MAX_PER_DOCUMENT, TAN_TTL_MS } from './tan.ts';

async function signableDocument(deps: CaseworkDeps, actor: Actor, documentId: string): Promise<DocumentRecord> {
  assertRole(actor, 'citizen');
  await assertCanChange(deps, actor);
  const document = await deps.store.documents.get(documentId);
  if (!document || document.room !== actor.room) throw new NotFound('No such document in this room.');
  if (document.status !== 'awaiting_signature') throw new InvalidState('This document is already signed (or being signed).', { reason: 'already_signed' });
  return document;
}

function phoneOf(document: DocumentRecord): string | null {
  const { data } = JSON.parse(document.dataJson) as FrozenEnvelope;
  const phone = Object.entries(data.values).find(([path]) => /(^|\.)telefon$/.test(path))?.[1];
  return typeof phone === 'string' && /^\+?[0-9 ()/-]{6,24}$/.test(phone) ? phone.replace(/[^0-9+]/g, '') : null;
}

export async function requestTan(deps: CaseworkDeps, actor: Actor, documentId: string, channel: TanChannel): Promise<TanIssued> {
  const document = await signableDocument(deps, actor, documentId);
  const phone = channel === 'sms' ? phoneOf(document) : null;
  if (channel === 'sms' && !deps.sms) throw new InvalidState('SMS-TAN is not available here.', { reason: 'sms_unavailable' });
  if (channel === 'sms' && !phone) throw new InvalidState('The form has no usable phone number for an SMS-TAN.', { reason: 'sms_no_phone' });
  const now = deps.now();
  const tan = newTan();
  const salt = newSalt();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + TAN_TTL_MS);
  await deps.store.transaction(async (repos) => {
    if ((await repos.tans.countForDocument(document.id)) >= TAN_MAX_PER_DOCUMENT) throw new InvalidState('No more TANs for this document; please sign by drawing.', { reason: 'tan_limit' });
    await repos.tans.supersede(document.id, now);
    await repos.tans.insert({
      id, room: actor.room, documentId: document.id, dataHash: document.dataHash, channel, salt, tanHash: tanHash(salt, tan, document.id, document.dataHash),
      attempts: 0, expiresAt, createdAt: now, createdBy: actor.id, usedAt: null, lockedAt: null, supersededAt: null,
    });
  });
  deps.log.info({ room: actor.room, document: document.id, tanId: id, channel }, 'requestTan() | TAN issued');
  const issued: TanIssued = { tanId: id, channel, expiresAt: expiresAt.toISOString(), attemptsLeft: TAN_MAX_ATTEMPTS };
  if (channel === 'hidden') return { ...issued, tan };
  const { data } = JSON.parse(document.dataJson) as FrozenEnvelope;
  await deps.sms!.send({ to: phone!, reference: actor.room, text: `Ihre TAN für "${data.title.de}": ${tan}. Gültig 5 Minuten. Geben Sie sie niemandem weiter. / Your TAN: ${tan}` });
  return { ...issued, sentTo: maskPhone(phone!) };
}

/** Whether `tan` is the live TAN of another document of the room still awaiting its signature (a mix-up). */
async function isTanOfOtherDocument(deps: CaseworkDeps, room: string, documentId: string, tan: string): Promise<boolean> {
  for (const other of await deps.store.documents.listByRoom(room)) {
    if (other.id === documentId || other.status !== 'awaiting_signature') continue;
    const live = await deps.store.tans.current(other.id);
    if (live && !live.usedAt && !live.lockedAt && tanMatches(live, tan, other.id, other.dataHash)) return true;
  }
  return false;
}

export async function confirmTan(deps: CaseworkDeps, actor: Actor, documentId: string, tan: string): Promise<DocumentInfo> {
  if (!/^\d{6}$/.test(tan)) throw new InvalidInput('A TAN has 6 digits.', { reason: 'tan_format' });
  const document = await signableDocument(deps, actor, documentId);
  const current = await deps.store.tans.current(document.id);
  const now = deps.now();
  if (!current) throw new InvalidState('Request a TAN for this document first.', { reason: 'tan_missing' });
  if (current.usedAt) throw new InvalidState('This TAN was already used.', { reason: 'tan_used' });
  if (current.lockedAt) throw new InvalidState('This TAN is locked after three wrong tries; request a new one.', { reason: 'tan_locked' });
  if (current.expiresAt.getTime() <= now.getTime()) throw new InvalidState('This TAN has expired; request a new one.', { reason: 'tan_expired' });
  if (current.dataHash !== document.dataHash) throw new InvalidState('This TAN belongs to other document content.', { reason: 'tan_other_document' });
  if (!(await deps.store.tans.countAttempt(current.id, TAN_MAX_ATTEMPTS))) {
    await deps.store.tans.lock(current.id, now);
    throw new InvalidState('This TAN is locked after three wrong tries; request a new one.', { reason: 'tan_locked' });
  }
  if (!tanMatches(current, tan, document.id, document.dataHash)) {
    const left = TAN_MAX_ATTEMPTS - (current.attempts + 1);
    if (left <= 0) await deps.store.tans.lock(current.id, now);
    // Checked only after the try was counted, so this cannot be used to guess another document's TAN.
    const mixUp = await isTanOfOtherDocument(deps, actor.room, document.id, tan);
    deps.log.info({ room: actor.room, document: document.id, tanId: current.id, left, mixUp }, 'confirmTan() | wrong TAN');
    const message = mixUp ? 'This TAN belongs to another document.' : left > 0 ? `Wrong TAN; ${left} ${left === 1 ? 'try' : 'tries'} left.` : 'Wrong TAN; it is now locked. Request a new one.';
    throw new InvalidInput(message, { reason: mixUp ? 'tan_other_document' : 'tan_wrong', attemptsLeft: Math.max(0, left) });
  }
  if (!(await deps.store.documents.claimForSealing(document.id))) throw new InvalidState('This document is already signed (or being signed).', { reason: 'already_signed' });
  if (!(await deps.store.tans.use(current.id, now))) {
    await deps.store.documents.releaseSealing(document.id);
    throw new InvalidState('This TAN was already used.', { reason: 'tan_used' });
  }
  return sealClaimedDocument(deps, actor, { ...document, status: 'sealing' }, { method: 'tan', channel: current.channel, tanId: current.id });
}
