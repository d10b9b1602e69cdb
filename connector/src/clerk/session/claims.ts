/**
 * Turns the identity provider's claims into the clerk's name, e-mail and desks. Providers differ:
 * Keycloak's group mapper may send full paths (`/buergeramt-mitte`), ADFS a single string when the
 * clerk has one group, Entra ID group object ids or app roles (docs/clerk-workplace.md "Sign-in").
 */
export interface ClaimNames {
  /** CLERK_OIDC_CLERK_CLAIM */
  clerkClaim: string;
  /** CLERK_OIDC_DESKS_CLAIM */
  desksClaim: string;
}

export interface ClerkIdentity {
  id: string;
  name: string;
  email?: string;
  desks: string[];
}

const MAX_DESKS = 100;
const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.trim() !== '' && value.trim().length <= max ? value.trim() : undefined;

/**
 * The clerk these claims describe, or null when the clerk claim is missing (that account cannot sign in).
 * With `knownDesks`, only those groups count as desks, before the cap: a clerk in hundreds of groups (Entra's
 * overage answer from Graph lists every membership) keeps the desks the connector knows wherever they stand.
 */
export function identityFromClaims(
  claims: Record<string, unknown>,
  names: ClaimNames,
  knownDesks?: ReadonlySet<string>,
): ClerkIdentity | null {
  const id = text(claims[names.clerkClaim], 200);
  if (!id) return null;
  const raw = claims[names.desksClaim];
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const named = list.map((d) => text(d, 200)?.replace(/^\/+/, '')).filter((d): d is string => !!d);
  const desks = [...new Set(named)].filter((d) => !knownDesks || knownDesks.has(d)).slice(0, MAX_DESKS);
  const email = text(claims.email, 320);
  return { id, name: text(claims.name, 200) ?? id, ...(email ? { email } : {}), desks };
}
