/**
 * Signing by TAN. `requestTan` makes a new 6-digit TAN for the document (replacing an earlier one), bound
 * to the document's data hash and valid for 5 minutes: a Hidden-TAN goes only to the citizen who asked
 * (in the reply), an SMS-TAN through the SMS gateway to the phone number in the frozen form. `confirmTan`
 * accepts it once; three wrong tries lock it; an SMS that cannot be sent withdraws its TAN (the earlier one
 * stays valid) and a second SMS request within 30 s gets the TAN just sent; concurrent tries of one document are judged one after another. TANs are stored hashed and never logged.
 */
import { randomUUID } from 'node:crypto';
import type { DocumentInfo, TanChannel, TanIssued } from '../../contract/casework.ts';
import { InvalidInput, InvalidState, NotFound } from '../../errors.ts';
import type { DocumentRecord } from '../store/documents.ts';
import type { TanRecord } from '../store/tans.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';
import type { FrozenEnvelope } from '../forms/freeze-form.ts';
import { sealClaimedDocument } from './seal-document.ts';
import { SmsSendError } from '../sms/sms-error.ts';
import { phoneOf } from './sms-phone.ts';
import { tanSmsText } from './tan-sms-text.ts';
import {
  maskPhone,
  newSalt,
  newTan,
  SMS_RESEND_AFTER_MS,
  tanHash,
  tanMatches,
  TAN_MAX_ATTEMPTS,
  TAN_MAX_PER_DOCUMENT,
  TAN_TTL_MS,
} from './tan.ts';

const alreadySigned = () =>
  new InvalidState('This document is already signed (or being signed).', { reason: 'already_signed' });
const lockedTan = () =>
  new InvalidState('This TAN is locked after three wrong tries; request a new one.', { reason: 'tan_locked' });

async function signableDocument(deps: CaseworkDeps, actor: Actor, documentId: string): Promise<DocumentRecord> {
  assertRole(actor, 'citizen');
  await assertCanChange(deps, actor);
  const document = await deps.store.documents.get(documentId);
  if (!document || document.room !== actor.room) throw new NotFound('No such document in this room.');
  if (document.status !== 'awaiting_signature') throw alreadySigned();
  return document;
}

/** SMS-TAN requests on their way, per citizen and document: a second tap meanwhile joins the first. */
const smsInFlight = new WeakMap<CaseworkDeps, Map<string, Promise<TanIssued>>>();

export async function requestTan(
  deps: CaseworkDeps,
  actor: Actor,
  documentId: string,
  channel: TanChannel,
): Promise<TanIssued> {
  if (channel !== 'sms') return issueTan(deps, actor, documentId, channel);
  // A double tap must not send two SMS with different TANs (the first would be dead on arrival).
  let running = smsInFlight.get(deps);
  if (!running) smsInFlight.set(deps, (running = new Map()));
  const key = `${actor.room}\n${actor.id}\n${documentId}`;
  const pending = running.get(key);
  if (pending) return pending;
  const request = issueTan(deps, actor, documentId, channel).finally(() => running.delete(key));
  running.set(key, request);
  return request;
}

/** The SMS-TAN of the document sent to this citizen moments ago and still untouched, if any. */
function recentSmsTan(current: TanRecord | null, document: DocumentRecord, actor: Actor, now: Date): TanRecord | null {
  return current &&
    current.channel === 'sms' &&
    current.createdBy === actor.id &&
    current.dataHash === document.dataHash &&
    !current.usedAt &&
    !current.lockedAt &&
    current.attempts === 0 &&
    now.getTime() - current.createdAt.getTime() < SMS_RESEND_AFTER_MS
    ? current
    : null;
}

async function issueTan(deps: CaseworkDeps, actor: Actor, documentId: string, channel: TanChannel): Promise<TanIssued> {
  const document = await signableDocument(deps, actor, documentId);
  const phone = channel === 'sms' ? phoneOf(document) : null;
  if (channel === 'sms' && !deps.sms)
    throw new InvalidState('SMS-TAN is not available here.', { reason: 'sms_unavailable' });
  if (channel === 'sms' && !phone)
    throw new InvalidState('The form has no usable phone number for an SMS-TAN.', { reason: 'sms_no_phone' });
  const now = deps.now();
  const tan = newTan();
  const salt = newSalt();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + TAN_TTL_MS);
  const outcome = await deps.store.transaction(async (repos) => {
    // Under the document's lock, so a new TAN never replaces one while a try of it is being judged.
    const locked = await repos.documents.lockForSigning(document.id);
    if (locked?.status !== 'awaiting_signature') throw alreadySigned();
    const current = await repos.tans.current(document.id);
    const recent = channel === 'sms' ? recentSmsTan(current, document, actor, now) : null;
    if (recent) return { kind: 'resent' as const, tan: recent };
    if ((await repos.tans.countForDocument(document.id)) >= TAN_MAX_PER_DOCUMENT)
      throw new InvalidState('No more TANs for this document; please sign by drawing.', { reason: 'tan_limit' });
    await repos.tans.supersede(document.id, now);
    await repos.tans.insert({
      id,
      room: actor.room,
      documentId: document.id,
      dataHash: document.dataHash,
      channel,
      salt,
      tanHash: tanHash(salt, tan, document.id, document.dataHash),
      attempts: 0,
      expiresAt,
      createdAt: now,
      createdBy: actor.id,
      usedAt: null,
      lockedAt: null,
      supersededAt: null,
    });
    return { kind: 'issued' as const, previous: current && !current.usedAt ? current.id : null };
  });
  if (outcome.kind === 'resent') {
    deps.log.info(
      { room: actor.room, document: document.id, tanId: outcome.tan.id },
      'requestTan() | SMS-TAN just sent; not sent again',
    );
    return {
      tanId: outcome.tan.id,
      channel,
      expiresAt: outcome.tan.expiresAt.toISOString(),
      attemptsLeft: TAN_MAX_ATTEMPTS,
      sentTo: maskPhone(phone!),
    };
  }
  deps.log.info({ room: actor.room, document: document.id, tanId: id, channel }, 'requestTan() | TAN issued');
  const issued: TanIssued = { tanId: id, channel, expiresAt: expiresAt.toISOString(), attemptsLeft: TAN_MAX_ATTEMPTS };
  if (channel === 'hidden') return { ...issued, tan };
  const { data } = JSON.parse(document.dataJson) as FrozenEnvelope;
  try {
    await deps.sms!.send({ to: phone!, reference: actor.room, text: tanSmsText(tan, data.title, actor.locale) });
  } catch (error) {
    // Nothing half-done: the unsent TAN goes (it does not count towards the five) and the one before is current again.
    await deps.store.transaction(async (repos) => {
      await repos.documents.lockForSigning(document.id);
      await repos.tans.withdraw(id, outcome.previous);
    });
    deps.log.warn(
      {
        room: actor.room,
        document: document.id,
        tanId: id,
        reason: error instanceof SmsSendError ? error.reason : 'unknown',
      },
      'requestTan() | SMS-TAN not sent; withdrawn',
    );
    throw new InvalidState('The SMS could not be sent; try again or use the Hidden-TAN.', {
      reason: 'sms_failed',
      cause: error,
    });
  }
  return { ...issued, sentTo: maskPhone(phone!) };
}

/** Whether `tan` is the live TAN of another document of the room still awaiting its signature (a mix-up). */
async function isTanOfOtherDocument(
  deps: CaseworkDeps,
  room: string,
  documentId: string,
  tan: string,
): Promise<boolean> {
  for (const other of await deps.store.documents.listByRoom(room)) {
    if (other.id === documentId || other.status !== 'awaiting_signature') continue;
    const live = await deps.store.tans.current(other.id);
    if (live && !live.usedAt && !live.lockedAt && tanMatches(live, tan, other.id, other.dataHash)) return true;
  }
  return false;
}

/** The outcome of one try, decided under the document's lock. */
type Verdict =
  | { kind: 'wrong'; document: DocumentRecord; tanId: string; left: number }
  | { kind: 'accepted'; document: DocumentRecord; tan: TanRecord };

/**
 * One try, in one transaction that holds the document's lock (docs/documents-and-sealing.md, "Concurrent
 * confirmations"): tries of one document run one after another, in every process. A wrong TAN counts one
 * try (and locks the TAN at the third); the right one marks the TAN used and claims the document, so every
 * later try — right or wrong — reads `already_signed` and counts nothing. Refusals throw (nothing written).
 */
async function judgeTry(
  deps: CaseworkDeps,
  actor: Actor,
  documentId: string,
  tan: string,
  now: Date,
): Promise<Verdict> {
  return deps.store.transaction(async (repos) => {
    const document = await repos.documents.lockForSigning(documentId);
    if (!document || document.room !== actor.room) throw new NotFound('No such document in this room.');
    if (document.status !== 'awaiting_signature') throw alreadySigned();
    const current = await repos.tans.current(document.id);
    if (!current) throw new InvalidState('Request a TAN for this document first.', { reason: 'tan_missing' });
    if (current.usedAt) throw new InvalidState('This TAN was already used.', { reason: 'tan_used' });
    if (current.lockedAt || current.attempts >= TAN_MAX_ATTEMPTS) throw lockedTan();
    if (current.expiresAt.getTime() <= now.getTime())
      throw new InvalidState('This TAN has expired; request a new one.', { reason: 'tan_expired' });
    if (current.dataHash !== document.dataHash)
      throw new InvalidState('This TAN belongs to other document content.', { reason: 'tan_other_document' });
    if (!tanMatches(current, tan, document.id, document.dataHash)) {
      const tries = await repos.tans.countWrongTry(current.id, TAN_MAX_ATTEMPTS, now);
      if (tries === null) throw lockedTan();
      return { kind: 'wrong', document, tanId: current.id, left: Math.max(0, TAN_MAX_ATTEMPTS - tries) };
    }
    if (!(await repos.tans.use(current.id, now)))
      throw new InvalidState('This TAN was already used.', { reason: 'tan_used' });
    // A drawn signature may have claimed the document (it does not take the lock): throwing undoes the use.
    if (!(await repos.documents.claimForSealing(document.id))) throw alreadySigned();
    return { kind: 'accepted', document: { ...document, status: 'sealing' }, tan: current };
  });
}

/** Runs `judgeTry` again when MariaDB/MySQL chose it as a deadlock victim (nothing of it was kept). */
async function judgeRetryingDeadlocks(
  deps: CaseworkDeps,
  actor: Actor,
  documentId: string,
  tan: string,
): Promise<Verdict> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await judgeTry(deps, actor, documentId, tan, deps.now());
    } catch (error) {
      if (attempt >= 5 || !deps.store.isWriteRace(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

export async function confirmTan(
  deps: CaseworkDeps,
  actor: Actor,
  documentId: string,
  tan: string,
): Promise<DocumentInfo> {
  if (!/^\d{6}$/.test(tan)) throw new InvalidInput('A TAN has 6 digits.', { reason: 'tan_format' });
  assertRole(actor, 'citizen');
  await assertCanChange(deps, actor);
  const verdict = await judgeRetryingDeadlocks(deps, actor, documentId, tan);
  if (verdict.kind === 'accepted') {
    return sealClaimedDocument(deps, actor, verdict.document, {
      method: 'tan',
      channel: verdict.tan.channel,
      tanId: verdict.tan.id,
    });
  }
  const { document, tanId, left } = verdict;
  // Checked only after the try was counted, so this cannot be used to guess another document's TAN.
  const mixUp = await isTanOfOtherDocument(deps, actor.room, document.id, tan);
  deps.log.info({ room: actor.room, document: document.id, tanId, left, mixUp }, 'confirmTan() | wrong TAN');
  const message = mixUp
    ? 'This TAN belongs to another document.'
    : left > 0
      ? `Wrong TAN; ${left} ${left === 1 ? 'try' : 'tries'} left.`
      : 'Wrong TAN; it is now locked. Request a new one.';
  throw new InvalidInput(message, { reason: mixUp ? 'tan_other_document' : 'tan_wrong', attemptsLeft: left });
}
