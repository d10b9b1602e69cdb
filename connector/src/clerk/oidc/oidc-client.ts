/**
 * The connector as an OpenID Connect relying party (authorization code + PKCE, `openid-client` v6, which
 * validates the ID token: signature from the provider's JWKS, iss, aud, exp, nonce). Discovery runs on the
 * first sign-in, not at start-up, so a provider that is down does not stop the connector; a failed
 * discovery is tried again on the next sign-in.
 */
import * as oidc from 'openid-client';
import type { ClerkOidcConfig } from '../../config.ts';

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why an answer from the provider did not give a sign-in (never contains the code or a token). */
export class SignInFailed extends Error {
  readonly reason: 'provider_unreachable' | 'code_rejected' | 'id_token_invalid';
  constructor(reason: SignInFailed['reason'], options?: { cause?: unknown }) {
    super(reason, options);
    this.reason = reason;
  }
}

/**
 * Entra ID's "groups overage": a clerk in more groups than fit into a token (200 in a JWT) gets no `groups` claim
 * but `_claim_names.groups` (authorization code flow) or `hasgroups: true` (implicit flow) instead.
 */
function groupsOverage(claims: Record<string, unknown>, desksClaim: string): boolean {
  const names = claims._claim_names;
  const named = typeof names === 'object' && names !== null && desksClaim in names;
  return named || claims.hasgroups === true || claims.hasgroups === 'true';
}

export class ClerkOidcClient {
  readonly #config: ClerkOidcConfig;
  #discovered: Promise<oidc.Configuration> | undefined;

  constructor(config: ClerkOidcConfig) {
    this.#config = config;
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<URL> {
    const config = await this.#configuration();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: request.redirectUri,
      scope: 'openid profile email',
      response_type: 'code',
      state: request.state,
      nonce: request.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Exchanges the code of `callbackUrl` and answers the ID token's claims, completed from the userinfo
   * endpoint when the ID token lacks one of `wanted` (Keycloak and oidc-provider may put profile claims
   * only there).
   */
  async finish(
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
    wanted: string[],
  ): Promise<Record<string, unknown>> {
    const config = await this.#configuration();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      const invalidToken =
        err instanceof Error &&
        /id_token|JWT|signature|nonce|"iss"|"aud"/i.test(err.message) &&
        !(err instanceof oidc.ResponseBodyError);
      throw new SignInFailed(invalidToken ? 'id_token_invalid' : 'code_rejected', { cause: err });
    }
    const claims: Record<string, unknown> = { ...tokens.claims() };
    if (wanted.some((name) => claims[name] === undefined) && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
        for (const [name, value] of Object.entries(info)) if (claims[name] === undefined) claims[name] = value;
      } catch (err) {
        throw new SignInFailed('provider_unreachable', { cause: err });
      }
    }
    const desks = this.#config.desksClaim;
    if (claims[desks] === undefined && this.#config.graphUrl && groupsOverage(claims, desks)) {
      claims[desks] = await this.#memberObjects(this.#config.graphUrl, tokens.access_token);
    }
    return claims;
  }

  /**
   * The signed-in clerk's group (and directory role) object ids from Microsoft Graph — what Entra ID would have put
   * into `groups` had the clerk been in fewer groups. We never follow the token's `_claim_sources` endpoint (it names
   * the retired Azure AD Graph, and a claim must not choose where the connector sends its access token): only the
   * configured CLERK_OIDC_GRAPH_URL is asked.
   */
  async #memberObjects(graphUrl: string, accessToken: string): Promise<string[]> {
    try {
      const answer = await fetch(`${graphUrl}/me/getMemberObjects`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ securityEnabledOnly: false }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!answer.ok) throw new Error(`Microsoft Graph answered ${answer.status}`);
      const body = (await answer.json()) as { value?: unknown };
      if (!Array.isArray(body.value) || !body.value.every((v) => typeof v === 'string')) {
        throw new Error('Microsoft Graph answered no list of object ids');
      }
      return body.value as string[];
    } catch (err) {
      throw new SignInFailed('provider_unreachable', { cause: err });
    }
  }

  /** The provider's logout address (RP-initiated logout), or null when it has none. */
  async endSessionUrl(postLogoutRedirectUri: string): Promise<URL | null> {
    const config = await this.#configuration().catch(() => null);
    if (!config?.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, {
      client_id: this.#config.clientId,
      post_logout_redirect_uri: postLogoutRedirectUri,
    });
  }

  #configuration(): Promise<oidc.Configuration> {
    this.#discovered ??= this.#discover().catch((err: unknown) => {
      this.#discovered = undefined;
      throw new SignInFailed('provider_unreachable', { cause: err });
    });
    return this.#discovered;
  }

  async #discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.#config;
    // config.ts allows http only for a provider on loopback (the development provider).
    const insecure = issuer.startsWith('http:');
    return oidc.discovery(
      new URL(issuer),
      clientId,
      clientSecret ? { client_secret: clientSecret } : undefined,
      clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None(),
      { timeout: 10, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
    );
  }
}
