/**
 * `POST /api/plugin-tokens` (`Authorization: Bearer <one of API_KEYS>`): a scheduler's backend gets a short-lived
 * plug-in token for one clerk, which the clerk's browser then sends to /clerk/api/* (docs/ui-plugins.md).
 * Body `{ clerk: { id, name, desks: [desk id…] }, ttlSeconds? }` (default 3600, at most 28 800) →
 * 201 `{ token, tokenType: "Bearer", audience: "va-plugin", expiresAt, clerk }`. Desks must be configured ones
 * (CLERK_DESKS_FILE): 422 otherwise. Every call makes a new token, so repeating it is harmless.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import type { Desk } from '../../clerk/workplace/desks.ts';
import { InvalidInput } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import {
  issuePluginToken,
  PLUGIN_TOKEN_AUDIENCE,
  PLUGIN_TOKEN_DEFAULT_TTL,
  PLUGIN_TOKEN_MAX_TTL,
} from '../../tokens/plugin-token.ts';
import type { SigningKey } from '../../tokens/signing-key.ts';
import { requireApiKey } from '../api-key-auth.ts';
import { jsonBody } from '../request-helpers.ts';

const bodySchema = z.object({
  clerk: z.object({
    // The id the bookings name (Appointment.clerk.id) and the sign-in uses for the same person.
    id: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(200),
    desks: z.array(z.string().min(1).max(64)).max(50),
  }),
  ttlSeconds: z.number().int().min(60).max(PLUGIN_TOKEN_MAX_TTL).optional(),
});

export interface PluginTokenRouteDeps {
  apiKeys: readonly string[];
  key: SigningKey;
  desks: Desk[];
  publicUrl: () => string;
  log: Logger;
}

export function pluginTokenRoutes(deps: PluginTokenRouteDeps): Router {
  const router = Router();
  const known = new Set(deps.desks.map((d) => d.id));
  router.post('/api/plugin-tokens', requireApiKey(deps.apiKeys), express.json({ limit: '16kb' }), (req, res) => {
    const body = jsonBody(req, bodySchema);
    const unknown = body.clerk.desks.filter((d) => !known.has(d));
    if (unknown.length) {
      throw new InvalidInput('unknown desk', {
        issues: unknown.map((d) => ({
          path: 'clerk.desks',
          message: `no desk ${JSON.stringify(d)} in CLERK_DESKS_FILE`,
        })),
      });
    }
    const issued = issuePluginToken(deps.key, {
      issuer: deps.publicUrl(),
      clerk: body.clerk,
      ttlSeconds: body.ttlSeconds ?? PLUGIN_TOKEN_DEFAULT_TTL,
    });
    // Neither the token nor the clerk's name in the log (STYLE.md 9).
    deps.log.info(
      { desks: body.clerk.desks, expiresAt: issued.expiresAt.toISOString() },
      'issuePluginToken() | plug-in token issued',
    );
    res.status(201).json({
      token: issued.token,
      tokenType: 'Bearer',
      audience: PLUGIN_TOKEN_AUDIENCE,
      expiresAt: issued.expiresAt.toISOString(),
      clerk: { id: body.clerk.id, name: body.clerk.name, desks: [...new Set(body.clerk.desks)] },
    });
  });
  return router;
}
