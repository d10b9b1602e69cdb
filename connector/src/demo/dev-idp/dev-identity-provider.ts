/**
 * A real OpenID provider for development and tests (`oidc-provider`, certified): discovery, JWKS, the
 * authorization code flow with PKCE, userinfo, RP-initiated logout — and a small sign-in form of its own
 * for the development clerks (dev-clerks.ts). `npm start` (start-all.ts) and the test helpers start it in
 * process on its own port. Never started by the connector itself: production has no way to reach it.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml as esc } from '../../notify/html.ts';
import { DEV_PASSWORD, devClerk } from './dev-clerks.ts';
import { loginPage } from './login-page.ts';
import { MemoryStore } from './memory-adapter.ts';

export interface DevClient {
  clientId: string;
  /** Omitted: a public client (PKCE only). */
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

export interface DevIdentityProviderOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The issuer as browsers reach it; default http://<host>:<port>. */
  publicUrl?: string;
  clients: DevClient[];
  /**
   * Answer the groups as Entra ID does when a user is in too many groups ("groups overage"): no `groups` claim,
   * but `_claim_names.groups` pointing at `_claim_sources` (the endpoint given here). Tests only.
   */
  groupsOverageEndpoint?: string;
}

// No form-action: Chromium applies it to the redirects after the form, and the sign-in ends at the connector.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': PAGE_CSP,
    'cache-control': 'no-store',
  });
  res.end(html);
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 4096) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

export class DevIdentityProvider {
  /** The issuer URL (CLERK_OIDC_ISSUER). */
  readonly issuer: string;
  /** The provider's storage; `store.expire('AuthorizationCode')` ages issued codes (tests). */
  readonly store: MemoryStore;
  readonly #server: Server;
  #closing: Promise<void> | undefined;

  private constructor(issuer: string, store: MemoryStore, server: Server) {
    this.issuer = issuer;
    this.store = store;
    this.#server = server;
  }

  static async start(options: DevIdentityProviderOptions): Promise<DevIdentityProvider> {
    const host = options.host ?? '127.0.0.1';
    let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
    const server = createServer((req, res) => handle(req, res));
    server.listen(options.port ?? 0, host);
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const issuer = (options.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
      /\/+$/,
      '',
    );
    const store = new MemoryStore();
    const provider = new Provider(issuer, configuration(options.clients, store, options.groupsOverageEndpoint));
    const callback = provider.callback();
    handle = (req, res) => {
      if (req.url?.startsWith('/interaction/')) {
        interaction(provider, req, res).catch(() => {
          if (!res.headersSent)
            sendHtml(
              res,
              400,
              '<!doctype html><html lang="en"><title>Sign-in failed</title><main><h1>Sign-in expired or invalid</h1></main></html>',
            );
        });
        return;
      }
      callback(req, res);
    };
    return new DevIdentityProvider(issuer, store, server);
  }

  /** Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    return this.#closing;
  }
}

function configuration(clients: DevClient[], store: MemoryStore, groupsOverageEndpoint?: string): Configuration {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: `dev-${randomBytes(4).toString('hex')}`,
    alg: 'RS256',
    use: 'sig',
  };
  const simplePage = (title: string) => async (ctx: KoaContextWithOIDC) => {
    ctx.type = 'html';
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1></main></body></html>`;
  };
  return {
    adapter: (name: string) => store.adapter(name),
    clients: clients.map((c) => ({
      client_id: c.clientId,
      ...(c.clientSecret
        ? { client_secret: c.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
        : { token_endpoint_auth_method: 'none' }),
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    })),
    async findAccount(_ctx, id) {
      const clerk = devClerk(id);
      if (!clerk) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          preferred_username: clerk.username,
          name: clerk.name,
          email: clerk.email,
          email_verified: true,
          ...(groupsOverageEndpoint
            ? { _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: groupsOverageEndpoint } } }
            : { groups: clerk.groups }),
        }),
      };
    },
    // Keycloak puts groups into the profile-like scopes via a mapper; here the profile scope carries them.
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'], email: ['email', 'email_verified'] },
    // Keep the ID token lean like most providers: the relying party reads the rest from userinfo.
    conformIdTokenClaims: true,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [jwk as never] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Abmelden / Sign out</title></head><body><main><h1>Abmelden? <span lang="en">Sign out?</span></h1>${form}<button form="op.logoutForm" name="logout" value="yes">Abmelden / Sign out</button></main></body></html>`;
        },
        postLogoutSuccessSource: simplePage('Signed out of the development identity provider'),
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><main><h1>${esc(String(out.error))}</h1><p>${esc(String(out.error_description ?? ''))}</p></main></body></html>`;
    },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 10 * 3600,
      Grant: 10 * 3600,
    },
  };
}

/** GET shows the form; POST …/login checks it; a consent prompt is granted at once (the connector is first-party). */
async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt, params, session } = details;
  if (prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
    if (!grant) throw new Error('grant gone');
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  if (req.method === 'POST' && req.url === `/interaction/${uid}/login`) {
    const form = await formBody(req);
    const username = form.get('username') ?? '';
    if (!devClerk(username) || form.get('password') !== DEV_PASSWORD) {
      return sendHtml(
        res,
        401,
        loginPage(uid, 'Unbekannte Person oder falsches Passwort. / Unknown person or wrong password.'),
      );
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: username } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  sendHtml(res, 200, loginPage(uid));
}
