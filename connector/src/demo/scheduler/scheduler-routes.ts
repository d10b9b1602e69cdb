/**
 * The demo "scheduler" (`npm start` → http://localhost:3100/scheduler): a stand-in for a booking system's clerk
 * view that embeds the ui-plugins (docs/ui-plugins.md), so a newcomer sees the clerk's day live. Its backend half
 * is `POST /scheduler/token`: it asks the connector for a plug-in token with the demo's API key — server-side,
 * as a real scheduler must — and hands only the short-lived token to the page.
 */
import express, { Router } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { overrideCsp } from '../../http/security-headers.ts';
import type { Logger } from '../../log.ts';
import { schedulerPage, type SchedulerLanguage } from './scheduler-page.ts';

const ELEMENTS = fileURLToPath(new URL('../../../../ui-plugins/dist/elements.js', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./scheduler.js', import.meta.url));

/** The demo clerk: every configured desk, so every booking from the demo page shows up. */
export const DEMO_CLERK = { id: 'demo-clerk', name: 'Demo-Sachbearbeitung' };

export interface SchedulerRouteDeps {
  /** Where the demo's server reaches the connector. */
  connectorUrl: string;
  /** The connector as the browser sees it (the plug-ins talk to it directly). */
  connectorPublicUrl: string;
  apiKey: string;
  desks: string[];
  log: Logger;
}

export function schedulerRoutes(deps: SchedulerRouteDeps): Router {
  const router = Router();
  const connectorOrigin = new URL(deps.connectorPublicUrl).origin;

  router.get('/scheduler', (req, res) => {
    const lang: SchedulerLanguage = req.query.lang === 'en' ? 'en' : 'de';
    if (!existsSync(ELEMENTS)) {
      res.status(503).type('text/plain').send('The ui-plugins are not built: run `npm run build`.');
      return;
    }
    // The page talks to the connector directly (CORS, PLUGIN_ALLOWED_ORIGINS): allow exactly that origin.
    overrideCsp(
      res,
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${connectorOrigin}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    );
    res.type('html').send(schedulerPage(lang, deps.connectorPublicUrl));
  });

  router.get('/scheduler/elements.js', (_req, res) => {
    res.type('text/javascript').send(readFileSync(ELEMENTS, 'utf8'));
  });
  router.get('/scheduler/scheduler.js', (_req, res) => {
    res.type('text/javascript').send(readFileSync(SCRIPT, 'utf8'));
  });

  router.post('/scheduler/token', express.json({ limit: '1kb' }), async (req, res) => {
    // Same-origin script only (a custom header forces a CORS preflight, which this server never grants).
    if (req.header('x-va-demo') !== '1') {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    const answer = await fetch(`${deps.connectorUrl}/api/plugin-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deps.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clerk: { ...DEMO_CLERK, desks: deps.desks }, ttlSeconds: 3600 }),
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null);
    if (!answer || answer.status !== 201) {
      deps.log.warn({ status: answer?.status ?? null }, 'scheduler token | the connector refused or did not answer');
      res.status(502).json({ error: 'connector_unavailable' });
      return;
    }
    const { token, expiresAt } = (await answer.json()) as { token: string; expiresAt: string };
    res.json({ token, expiresAt });
  });
  return router;
}
