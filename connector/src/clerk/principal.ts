/**
 * Who is signed in to the clerk's workplace (issue 13). The sign-in (OpenID Connect, ./session/) produces
 * it from the identity provider's claims; the workplace's routes and live channel only ever see this.
 * Routers take an `AuthenticateClerk` port so they can be tested without a provider and wired to the
 * real session in the app.
 */
import type { Request } from 'express';

export interface ClerkPrincipal {
  /** Stable id from `CLERK_OIDC_CLERK_CLAIM` (default `preferred_username`); matches `Appointment.clerk.id`. */
  id: string;
  /** Display name (the `name` claim, else the id). */
  name: string;
  email?: string;
  /** Desk (team) ids from `CLERK_OIDC_DESKS_CLAIM` (default `groups`). */
  desks: string[];
  /** The session's id (for logout and the live channel's end); never logged. */
  sessionId: string;
}

/** The signed-in clerk of a request, or null (no, expired or idle session). Checks nothing else. */
export type AuthenticateClerk = (req: Request) => Promise<ClerkPrincipal | null>;
