/**
 * Parsing a JWKS (RFC 7517) into public keys. Only keys usable for ES256 signatures are kept:
 * `kty: EC`, `crv: P-256`, a `kid`, and `alg`/`use` absent or ES256/sig. Anything else is skipped.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

const jwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  kid: z.string().min(1).max(256),
  alg: z.literal('ES256').optional(),
  use: z.literal('sig').optional(),
});

const jwksSchema = z.object({ keys: z.array(z.unknown()) });

/** Returns kid → public key. Throws when the document is not a JWKS at all. */
export function parseJwks(document: unknown): Map<string, KeyObject> {
  const { keys } = jwksSchema.parse(document);
  const result = new Map<string, KeyObject>();
  for (const candidate of keys) {
    const parsed = jwkSchema.safeParse(candidate);
    if (!parsed.success) continue;
    const { kty, crv, x, y, kid } = parsed.data;
    try {
      result.set(kid, createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' }));
    } catch {
      // Not a point on the curve: skip it like any other unusable key.
    }
  }
  return result;
}
