/**
 * Both sides upload files into the case. Only admitted citizens and clerks; the type comes from the
 * content (sniff.ts), the size and the case's quota are limited, ClamAV scans when configured (and its
 * absence or failure refuses the upload), the original name is sanitised for display and the bytes are
 * stored under a generated name. Everyone admitted sees the new file at once.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CaseFileInfo, UploadRefusal } from '../../contract/casework.ts';
import { Forbidden, NotFound } from '../../errors.ts';
import { errorFields } from '../../log.ts';
import { assertAdmitted, assertCanChange, type Actor } from '../access.ts';
import { fileInfo } from '../case/views.ts';
import type { CaseworkDeps } from '../deps.ts';
import { attachmentDisposition, sanitiseFileName } from './names.ts';
import { sniffUpload } from './sniff.ts';
import { assertSeesCaseRecords, recordFor } from '../projection.ts';

export type UploadOutcome = { ok: true; file: CaseFileInfo } | { ok: false; refusal: UploadRefusal };

export async function uploadFile(
  deps: CaseworkDeps,
  actor: Actor,
  input: { originalName: string; bytes: Buffer },
): Promise<UploadOutcome> {
  if (actor.role !== 'citizen' && actor.role !== 'clerk')
    throw new Forbidden('Only the citizen and the clerk exchange files.');
  await assertCanChange(deps, actor);
  if (!(await deps.store.cases.get(actor.room))) throw new NotFound('Open the case first.');
  const { bytes } = input;
  if (bytes.length === 0) return { ok: false, refusal: 'empty' };
  if (bytes.length > deps.config.uploadMaxBytes) return { ok: false, refusal: 'too_large' };
  if ((await deps.store.files.usedBytes(actor.room)) + bytes.length > deps.config.uploadQuotaBytes)
    return { ok: false, refusal: 'quota_exceeded' };
  const sniffed = await sniffUpload(bytes);
  if (!sniffed.ok) {
    deps.log.info(
      { room: actor.room, by: actor.id, refusal: sniffed.refusal, size: bytes.length },
      'uploadFile() | refused',
    );
    return sniffed;
  }
  let scan: 'clean' | 'unscanned' = 'unscanned';
  if (deps.scanner) {
    try {
      const result = await deps.scanner.scan(bytes);
      if (!result.clean) {
        deps.log.warn(
          { room: actor.room, by: actor.id, signature: result.signature },
          'uploadFile() | virus found, refused',
        );
        return { ok: false, refusal: 'infected' };
      }
      scan = 'clean';
    } catch (error) {
      deps.log.error(
        { room: actor.room, err: errorFields(error) },
        'uploadFile() | virus scanner unavailable, refused',
      );
      return { ok: false, refusal: 'scanner_unavailable' };
    }
  }
  const storageName = await deps.blobs.put('files', bytes);
  const record = {
    id: randomUUID(),
    room: actor.room,
    uploadedBy: actor.id,
    uploaderRole: actor.role,
    originalName: sanitiseFileName(input.originalName, sniffed.type.ext),
    mime: sniffed.type.mime,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storageName,
    scan,
    createdAt: deps.now(),
  };
  try {
    await deps.store.files.insert(record);
  } catch (error) {
    await deps.blobs.remove('files', storageName);
    throw error;
  }
  deps.log.info(
    { room: actor.room, by: actor.id, file: record.id, mime: record.mime, size: record.size },
    'uploadFile() | stored',
  );
  const info = fileInfo(record);
  await deps.notify.send(actor.room, 'file:added', (r) => recordFor(r.role, info));
  return { ok: true, file: info };
}

export interface FileDownload {
  bytes: Buffer;
  mime: string;
  disposition: string;
}

export async function downloadFile(deps: CaseworkDeps, actor: Actor, fileId: string): Promise<FileDownload> {
  assertSeesCaseRecords(actor.role, 'Files');
  await assertAdmitted(deps, actor);
  const file = await deps.store.files.get(fileId);
  if (!file || file.room !== actor.room) throw new NotFound('No such file in this room.');
  return {
    bytes: await deps.blobs.read('files', file.storageName),
    mime: file.mime,
    disposition: attachmentDisposition(file.originalName),
  };
}
