/**
 * "Stills" mode of the ID check (issue 5, Deliver 2: "with a weak connection the check works from stills").
 * The clerk asks the citizen's device for a picture at its camera's full resolution; the request is a
 * short-lived signed capability naming the room, the running check and its step. The picture itself goes
 * peer-to-peer where possible; otherwise the citizen's browser sends it here in chunks, and each chunk is
 * forwarded to the room's clerks at once and never stored (DESIGN: the still stays in the clerk's browser).
 * Nothing about the picture is logged beyond its size.
 */
import {
  STILL_CHUNK_BYTES,
  STILL_MAX_BYTES,
  type IdCheckStep,
  type StillAnswer,
  type StillChunk,
  type StillRequest,
} from '../../contract/casework.ts';
import { Forbidden, InvalidInput, InvalidState, NotFound } from '../../errors.ts';
import { assertCanChange, assertRole, type Actor } from '../access.ts';
import type { CaseworkDeps } from '../deps.ts';

/** How long the citizen's device may answer a request (a few megabytes over a weak connection). */
export const STILL_REQUEST_TTL_MS = 5 * 60_000;

async function runningCheck(deps: CaseworkDeps, room: string): Promise<{ id: string; step: IdCheckStep }> {
  const check = await deps.store.idChecks.latest(room);
  if (!check) throw new NotFound('No ID check was started.');
  if (check.status !== 'in_progress') throw new InvalidState('The ID check is not in progress.');
  return check;
}

const subjectOf = (room: string, checkId: string, step: IdCheckStep): string => `${room}|${checkId}|${step}`;

/** Clerk: asks the citizen's device for a still of the current step; nothing is stored. */
export async function requestStill(deps: CaseworkDeps, actor: Actor): Promise<StillRequest> {
  assertRole(actor, 'clerk');
  await assertCanChange(deps, actor);
  const check = await runningCheck(deps, actor.room);
  const expiresAt = new Date(deps.now().getTime() + STILL_REQUEST_TTL_MS);
  const requestId = deps.capabilities.issue({
    kind: 'still',
    subject: subjectOf(actor.room, check.id, check.step),
    expiresAt,
    unique: true,
  });
  const request: StillRequest = {
    requestId,
    step: check.step,
    expiresAt: expiresAt.toISOString(),
    maxBytes: STILL_MAX_BYTES,
    chunkBytes: STILL_CHUNK_BYTES,
  };
  const reached = await deps.notify.send(actor.room, 'idcheck:stillRequested', (r) =>
    r.role === 'citizen' ? { ...request, clerkId: actor.id } : null,
  );
  // Said at once rather than after the clerk's wait: nobody of the citizen's devices could have heard it.
  if (reached === 0)
    throw new InvalidState(
      'The citizen’s device is not connected to the case right now; ask again once they are back in the call.',
      { reason: 'citizen_absent' },
    );
  deps.log.info({ room: actor.room, check: check.id, step: check.step }, 'requestStill() | still requested');
  return request;
}

/** The genuine, unexpired still request of this room that `requestId` names (citizen side). */
function grantedRequest(deps: CaseworkDeps, actor: Actor, requestId: string): { checkId: string; step: string } {
  const granted = deps.capabilities.check(requestId, 'still', deps.now());
  if (!granted) throw new Forbidden('This still was not requested, or the request has expired.');
  const [room, checkId = '', step = ''] = granted.subject.split('|');
  if (room !== actor.room) throw new NotFound('No such request in this room.');
  return { checkId, step };
}

/**
 * Citizen: tells the room's clerks that a still request arrived and is being taken, or why it cannot be —
 * so the clerk's "requested" turns into progress or a failure with its reason within a second, not a timeout.
 */
export async function reportStillAnswer(deps: CaseworkDeps, actor: Actor, answer: StillAnswer): Promise<void> {
  assertRole(actor, 'citizen');
  await assertCanChange(deps, actor);
  grantedRequest(deps, actor, answer.requestId);
  const forwarded: StillAnswer = {
    requestId: answer.requestId,
    phase: answer.phase,
    ...(answer.phase === 'failed' ? { reason: answer.reason ?? 'capture_failed' } : {}),
  };
  await deps.notify.send(actor.room, 'idcheck:stillAnswer', (r) => (r.role === 'clerk' ? forwarded : null));
  if (answer.phase === 'failed')
    deps.log.info(
      { room: actor.room, reason: forwarded.reason },
      'reportStillAnswer() | the citizen’s device could not send the still',
    );
}

/**
 * Citizen: forwards one chunk of a still to the room's clerks. Refused unless it answers a genuine, unexpired
 * request of this room for the check that is still running, and stays within the size limits. `received`
 * is how many bytes of this request the same connection already sent (the caller counts per connection).
 */
export async function relayStillChunk(
  deps: CaseworkDeps,
  actor: Actor,
  chunk: StillChunk & { data: Uint8Array },
  received: number,
): Promise<void> {
  assertRole(actor, 'citizen');
  await assertCanChange(deps, actor);
  const { checkId, step } = grantedRequest(deps, actor, chunk.requestId);
  const check = await runningCheck(deps, actor.room);
  if (check.id !== checkId || check.step !== step || chunk.step !== step)
    throw new InvalidState('The ID check moved on; this still is no longer wanted.');
  const offset = chunk.seq * STILL_CHUNK_BYTES;
  const lastSeq = Math.ceil(chunk.bytes / STILL_CHUNK_BYTES) - 1;
  const expected = chunk.seq < lastSeq ? STILL_CHUNK_BYTES : chunk.bytes - offset;
  if (chunk.bytes > STILL_MAX_BYTES || chunk.seq > lastSeq || chunk.data.byteLength !== expected)
    throw new InvalidInput('This chunk does not fit the still it belongs to.');
  if (received + chunk.data.byteLength > chunk.bytes) throw new InvalidInput('More bytes than the still has.');
  await deps.notify.send(actor.room, 'idcheck:stillChunk', (r) => (r.role === 'clerk' ? chunk : null));
  if (chunk.seq === lastSeq)
    deps.log.info(
      { room: actor.room, check: check.id, bytes: chunk.bytes },
      'relayStillChunk() | still relayed to the clerk',
    );
}
