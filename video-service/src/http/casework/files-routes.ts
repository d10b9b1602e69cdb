/**
 * `POST /api/casework/files`: the raw bytes as the body (any content type but JSON; the type is decided by
 * the content), the original name percent-encoded in `X-File-Name`. 201 CaseFileInfo, or a refusal:
 * 413 too_large / quota_exceeded, 415 type_not_allowed / active_content, 422 empty / infected,
 * 503 scanner_unavailable. `GET /api/casework/files/:id`: always an attachment, nosniff, sandboxed.
 */
import { Router } from 'express';
import type { UploadRefusal } from '../../contract/casework.ts';
import type { CaseworkDeps } from '../../casework/deps.ts';
import { downloadFile, uploadFile } from '../../casework/files/upload-file.ts';
import { actorOfRequest, type ResolveActor } from './session-actor.ts';
import { readRawBody } from './raw-body.ts';

const STATUS: Record<UploadRefusal, number> = {
  empty: 422,
  too_large: 413,
  quota_exceeded: 413,
  type_not_allowed: 415,
  active_content: 415,
  infected: 422,
  scanner_unavailable: 503,
};

const MESSAGES: Record<UploadRefusal, string> = {
  empty: 'The file is empty.',
  too_large: 'The file is too large.',
  quota_exceeded: 'The files of this case would exceed the allowed total size.',
  type_not_allowed: 'Only PDF, JPEG, PNG and HEIC files are accepted.',
  active_content: 'The file contains content that is not allowed (markup, scripts or hidden data).',
  infected: 'The virus scanner refused the file.',
  scanner_unavailable: 'The virus scanner is not available; please try again later.',
};

function decodeName(header: string | undefined): string {
  if (!header) return '';
  try {
    return decodeURIComponent(header).slice(0, 1000);
  } catch {
    return '';
  }
}

export function filesRoutes(deps: CaseworkDeps, resolve: ResolveActor): Router {
  const router = Router();

  router.post('/api/casework/files', async (req, res) => {
    const actor = await actorOfRequest(req, resolve);
    if (req.is('application/json') || req.is('application/x-www-form-urlencoded') || req.is('multipart/*')) {
      res
        .status(415)
        .json({ error: 'invalid_input', message: 'Send the file itself as the body (e.g. application/octet-stream).' });
      return;
    }
    const body = await readRawBody(req, deps.config.uploadMaxBytes);
    if (!body.ok) {
      res.status(413).json({ error: 'too_large', message: MESSAGES.too_large });
      return;
    }
    const outcome = await uploadFile(deps, actor, {
      originalName: decodeName(req.get('x-file-name')),
      bytes: body.bytes,
    });
    if (!outcome.ok) {
      res.status(STATUS[outcome.refusal]).json({ error: outcome.refusal, message: MESSAGES[outcome.refusal] });
      return;
    }
    res.status(201).json(outcome.file);
  });

  router.get('/api/casework/files/:id', async (req, res) => {
    const actor = await actorOfRequest(req, resolve);
    const file = await downloadFile(deps, actor, String(req.params.id).slice(0, 64));
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Disposition', file.disposition);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'no-store');
    res.end(file.bytes);
  });

  return router;
}
