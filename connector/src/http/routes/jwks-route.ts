/** `GET /.well-known/jwks.json`: the public half of the signing key (RFC 7517), cacheable for 5 minutes. */
import { Router } from 'express';
import type { PublicJwk } from '../../tokens/signing-key.ts';

export function jwksRoute(keys: () => PublicJwk[]): Router {
  const router = Router();
  router.get('/.well-known/jwks.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json({ keys: keys() });
  });
  return router;
}
