/**
 * The dev mailbox (only without SMTP_URL): `GET /dev/mailbox` (list), `/dev/mailbox/messages`
 * (JSON for tests), `/dev/mailbox/<id>` (one message), `/dev/mailbox/<id>/html` (its HTML part in a
 * sandbox), `/dev/mailbox/<id>/attachments/<n>` (download).
 */
import { Router } from 'express';
import { NotFound } from '../../errors.ts';
import type { DevMailbox } from '../../notify/dev-mailbox.ts';
import { mailboxListPage, mailboxMessagePage } from '../pages/mailbox-pages.ts';
import { overrideCsp } from '../security-headers.ts';

const MAIL_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";

export function devMailboxRoutes(mailbox: DevMailbox): Router {
  const router = Router();
  router.get('/dev/mailbox', async (_req, res) => {
    res.type('html').send(mailboxListPage(await mailbox.list()));
  });
  router.get('/dev/mailbox/messages', async (_req, res) => {
    res.json({ items: await mailbox.list() });
  });
  router.get('/dev/mailbox/:id', async (req, res) => {
    const message = await mailbox.get(req.params.id);
    if (!message) throw new NotFound('no such message');
    res.type('html').send(mailboxMessagePage(message));
  });
  router.get('/dev/mailbox/:id/html', async (req, res) => {
    const html = await mailbox.htmlForBrowser(req.params.id);
    if (html === null) throw new NotFound('no such message');
    overrideCsp(res, MAIL_HTML_CSP);
    res.type('html').send(html);
  });
  router.get('/dev/mailbox/:id/attachments/:index', async (req, res) => {
    const attachment = await mailbox.attachment(req.params.id, Number(req.params.index));
    if (!attachment) throw new NotFound('no such attachment');
    res.attachment(attachment.filename);
    res.setHeader('Content-Type', attachment.contentType);
    res.send(attachment.content);
  });
  return router;
}
