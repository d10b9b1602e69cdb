/**
 * AuthenticateClerk for plug-in tokens: `Authorization: Bearer <plug-in token>` (never a query string: URLs end
 * up in logs, DESIGN.md). The principal is the token's clerk with exactly the token's desks.
 *
 * Requests it authenticated are remembered (a WeakSet, gone with the request), so the CSRF check can tell a
 * bearer request from a cookie one: `bearerAware(csrf)` skips CSRF only for those (ADR 0105 for why that is safe).
 */
import type { Request, RequestHandler } from 'express';
import type { PluginScope } from '../tokens/plugin-token.ts';
import type { AuthenticateClerk } from './principal.ts';

const BEARER = /^Bearer[ ]+([A-Za-z0-9_.-]+)\s*$/i;
const bearerRequests = new WeakSet<Request>();

/** The plug-in token of a request's Authorization header, if it carries one that looks like a JWT. */
export function bearerTokenOf(req: Request): string | undefined {
  const found = BEARER.exec(req.header('authorization') ?? '');
  return found && found[1]!.split('.').length === 3 ? found[1] : undefined;
}

/** @param verify checks signature, audience, issuer and expiry (tokens/plugin-token.ts verifyPluginToken). */
export function pluginTokenAuthenticator(verify: (token: string) => PluginScope | null): AuthenticateClerk {
  return async (req) => {
    const token = bearerTokenOf(req);
    if (!token) return null;
    const scope = verify(token);
    if (!scope) return null;
    bearerRequests.add(req);
    return { id: scope.clerkId, name: scope.name, desks: scope.desks, sessionId: `plugin:${scope.jti}` };
  };
}

/** True when this request's clerk was authenticated by a plug-in token (not by a cookie). */
export function isBearerAuthenticated(req: Request): boolean {
  return bearerRequests.has(req);
}

/**
 * Wraps the workplace's CSRF check: a request authenticated by a bearer token needs none (the browser never
 * attaches the token by itself, so no other site can make it send one); every other request goes through `csrf`.
 */
export function bearerAware(csrf: RequestHandler): RequestHandler {
  return (req, res, next) => (isBearerAuthenticated(req) ? next() : csrf(req, res, next));
}
