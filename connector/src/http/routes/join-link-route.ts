/**
 * `POST /join-links/resolve` `{ "linkId": "<22 characters>" }` — for the video service (docs/join-token.md,
 * "Short links"; docs/adr/0011): 200 `{ token }` (the join token the link stands for), 404 `{ error: "invalid" }`,
 * 410 `{ error: "revoked" }`. The id is a bearer credential like the link itself, so it travels only in the
 * body (never in a URL, never logged) and the answer is never cached.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { resolveJoinLink } from '../../domain/resolve-join-link.ts';
import type { DomainDeps } from '../../domain/ports.ts';
import { InvalidInput } from '../../errors.ts';

const body = z.object({ linkId: z.string().min(1).max(64) });

export function joinLinkRoute(deps: Pick<DomainDeps, 'uow' | 'links'>): Router {
  const router = Router();
  router.post('/join-links/resolve', express.json({ limit: '1kb' }), async (req, res) => {
    const parsed = body.safeParse(req.body);
    if (!parsed.success)
      throw new InvalidInput('the body must be { "linkId": "<link id>" }', {
        issues: [{ path: 'linkId', message: 'required' }],
      });
    res.setHeader('Cache-Control', 'no-store');
    const result = await resolveJoinLink(deps, parsed.data.linkId);
    if (result.ok) {
      res.json({ token: result.token });
      return;
    }
    res.status(result.reason === 'revoked' ? 410 : 404).json({
      error: result.reason,
      message:
        result.reason === 'revoked'
          ? 'This link was withdrawn (the appointment was moved or cancelled).'
          : 'The link is not valid.',
    });
  });
  return router;
}
