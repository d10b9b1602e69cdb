/**
 * Outbound webhook endpoints managed through the API (docs/outbound-webhooks.md), behind
 * `Authorization: Bearer <API_KEYS entry>`:
 *   GET    /api/webhooks/endpoints          → { items } (never with secrets)
 *   POST   /api/webhooks/endpoints          { name, url, secret?, events? } → 201 { ...endpoint, secret }
 *   PATCH  /api/webhooks/endpoints/{id}     { url?, secret?, events?, enabled? } → the endpoint
 *   DELETE /api/webhooks/endpoints/{id}     → 204
 */
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { NotFound } from '../../errors.ts';
import {
  createEndpoint,
  deleteEndpoint,
  listEndpoints,
  updateEndpoint,
  type WebhookManagementDeps,
} from '../../outbound/webhook-management.ts';
import { requireApiKey } from '../api-key-auth.ts';
import { jsonBody } from '../request-helpers.ts';

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);
const secret = z
  .string()
  .refine(
    (v) => v.startsWith('whsec_') && Buffer.from(v.slice(6), 'base64').length >= 24,
    'must be whsec_ + base64 of at least 24 random bytes',
  )
  .refine((v) => v.length <= 200, 'too long');
const events = z.array(z.string().min(1).max(64)).min(1).max(20).nullable();

const createBody = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1–100 of [A-Za-z0-9._-]'),
  url,
  secret: secret.optional(),
  events: events.optional(),
});
const patchBody = z
  .strictObject({
    url: url.optional(),
    secret: secret.optional(),
    events: events.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

function endpointId(req: Request): string {
  const id = String(req.params.id ?? '').toLowerCase();
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFound('no endpoint with this id', { reason: 'endpoint_not_found' });
  return id;
}

export function webhookEndpointRoutes(deps: WebhookManagementDeps, apiKeys: readonly string[]): Router {
  const router = Router();
  const auth = requireApiKey(apiKeys);
  const json = express.json({ limit: '64kb' });

  router.get('/api/webhooks/endpoints', auth, async (_req, res) => {
    res.json({ items: await listEndpoints(deps) });
  });

  router.post('/api/webhooks/endpoints', auth, json, async (req, res) => {
    const body = jsonBody(req, createBody);
    const { endpoint, secret: shown } = await createEndpoint(deps, body);
    res.status(201).json({ ...endpoint, secret: shown });
  });

  router.patch('/api/webhooks/endpoints/:id', auth, json, async (req, res) => {
    const body = jsonBody(req, patchBody);
    res.json(await updateEndpoint(deps, endpointId(req), body));
  });

  router.delete('/api/webhooks/endpoints/:id', auth, async (req, res) => {
    await deleteEndpoint(deps, endpointId(req));
    res.status(204).end();
  });

  return router;
}
