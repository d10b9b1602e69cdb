/**
 * Documents over HTTP: the review rendering and the sealed PDF for participants of the room (session),
 * the public verification (`POST /api/documents/verify`, the PDF as the body) and downloads through a
 * time-limited link (`POST /api/documents/download` with `{ token }` from the link's fragment).
 */
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { CaseworkDeps } from '../../casework/deps.ts';
import {
  downloadByLink,
  downloadSealed,
  reviewDocument,
  type PdfFile,
} from '../../casework/documents/document-access.ts';
import { verifyDocument } from '../../casework/documents/verify-document.ts';
import { attachmentDisposition } from '../../casework/files/names.ts';
import { InvalidInput } from '../../errors.ts';
import { rateLimit } from '../rate-limit.ts';
import { actorOfRequest, type ResolveActor } from './session-actor.ts';
import { readRawBody } from './raw-body.ts';

/** The largest PDF the verification accepts. */
const VERIFY_LIMIT = 20 * 1024 * 1024;

function sendPdf(res: Response, file: PdfFile, inline: boolean): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader(
    'Content-Disposition',
    inline ? `inline; filename="${file.fileName}"` : attachmentDisposition(file.fileName),
  );
  // Our own PDFs may be shown in the room UI's frame; nothing else may frame them.
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'");
  res.setHeader('Cache-Control', 'no-store');
  res.end(file.bytes);
}

const id = (value: unknown) => String(value).slice(0, 64);

export function documentsRoutes(deps: CaseworkDeps, resolve: ResolveActor): Router {
  const router = Router();

  router.get('/api/casework/documents/:id/review', async (req, res) => {
    sendPdf(
      res,
      await reviewDocument(deps, await actorOfRequest(req, resolve), id(req.params.id)),
      req.query.download !== '1',
    );
  });

  router.get('/api/casework/documents/:id/pdf', async (req, res) => {
    sendPdf(
      res,
      await downloadSealed(deps, await actorOfRequest(req, resolve), id(req.params.id)),
      req.query.inline === '1',
    );
  });

  router.post(
    '/api/documents/verify',
    rateLimit({ limit: deps.config.verifyRateLimitPerMinute, windowMs: 60_000 }),
    async (req, res) => {
      if (req.is('application/json') || req.is('multipart/*')) {
        res.status(415).json({ error: 'invalid_input', message: 'Send the PDF itself as the body (application/pdf).' });
        return;
      }
      const body = await readRawBody(req, VERIFY_LIMIT);
      if (!body.ok) {
        res.status(413).json({ error: 'too_large', message: 'The file is too large to be a document issued here.' });
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      res.json(await verifyDocument(deps, body.bytes));
    },
  );

  const linkBody = z.object({ token: z.string().min(10).max(1000) });
  router.post(
    '/api/documents/download',
    rateLimit({ limit: deps.config.verifyRateLimitPerMinute, windowMs: 60_000 }),
    express.json({ limit: '4kb' }),
    async (req, res) => {
      const parsed = linkBody.safeParse(req.body);
      if (!parsed.success) throw new InvalidInput('The body must be { "token": "<the part after # in your link>" }.');
      sendPdf(res, await downloadByLink(deps, parsed.data.token), false);
    },
  );

  return router;
}
