/**
 * The citizen's documents page after the call: `GET /documents` (the page; the capability stays in the
 * fragment), `GET /api/casework/case-documents` with `Authorization: Bearer <capability>` (what the page
 * lists), and `GET /documents/mine`, which the room's end screen links to: with the participant's session
 * cookie it redirects to the page with a fresh capability in the fragment (a same-site navigation, so the
 * SameSite=Strict cookie goes along); without a usable session it shows the page's "open the link from your
 * e-mail" message.
 */
import { Router } from 'express';
import type { CaseworkDeps } from '../../casework/deps.ts';
import { documentsLinkFor, listCaseDocuments } from '../../casework/documents/case-documents.ts';
import { AppError, Unauthorized } from '../../errors.ts';
import { rateLimit } from '../rate-limit.ts';
import { noStore } from '../security-headers.ts';
import { documentsPage } from './documents-page.ts';
import { documentsPageLanguage } from './documents-page-texts.ts';
import { actorOfRequest, type ResolveActor } from './session-actor.ts';

export function caseDocumentsRoutes(deps: CaseworkDeps, resolve: ResolveActor): Router {
  const router = Router();
  const office = { name: deps.config.authorityName, brand: deps.config.brand };
  const limit = rateLimit({ limit: deps.config.verifyRateLimitPerMinute, windowMs: 60_000 });

  router.get('/documents', noStore, (req, res) => {
    res
      .type('text/html; charset=utf-8')
      .send(documentsPage(documentsPageLanguage(req.query.lang, req.get('accept-language')), office));
  });

  router.get('/documents/mine', noStore, async (req, res) => {
    const lang = documentsPageLanguage(req.query.lang, req.get('accept-language'));
    try {
      const link = await documentsLinkFor(deps, await actorOfRequest(req, resolve));
      res.redirect(303, `/documents?lang=${lang}#${link.url.split('#')[1]}`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      res.redirect(303, `/documents?lang=${lang}`);
    }
  });

  router.get('/api/casework/case-documents', limit, async (req, res) => {
    const token = req.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new Unauthorized('Send the part after # of your link as a Bearer token.', { reason: 'invalid' });
    res.setHeader('Cache-Control', 'no-store');
    res.json(await listCaseDocuments(deps, token));
  });

  return router;
}
