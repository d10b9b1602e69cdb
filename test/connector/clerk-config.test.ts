import { expect } from 'chai';
import { loadConfig } from '../../connector/src/config.ts';
import { ConfigError } from '../../connector/src/errors.ts';
import { identityFromClaims } from '../../connector/src/clerk/session/claims.ts';
import { cookieNames } from '../../connector/src/clerk/session/cookies.ts';
import { safeReturnTo } from '../../connector/src/clerk/session/sign-in-routes.ts';

describe('clerk sign-in configuration and claims', () => {
  it('is off without CLERK_OIDC_ISSUER, with a 30-minute idle time and a 10-hour day', () => {
    const config = loadConfig({});
    expect(config.clerkOidc).to.equal(null);
    expect(config.clerkSessionIdleMinutes).to.equal(30);
    expect(config.clerkSessionMaxHours).to.equal(10);
  });

  it('reads the provider with the default claims', () => {
    const config = loadConfig({
      CLERK_OIDC_ISSUER: 'https://login.example.de/realms/amt/',
      CLERK_OIDC_CLIENT_ID: 'va',
    });
    expect(config.clerkOidc).to.deep.equal({
      issuer: 'https://login.example.de/realms/amt',
      clientId: 'va',
      clientSecret: undefined,
      clerkClaim: 'preferred_username',
      desksClaim: 'groups',
      graphUrl: undefined,
    });
  });

  it('asks Microsoft Graph for overage groups by default only for an Entra ID issuer, and takes an explicit Graph URL', () => {
    const entra = loadConfig({
      CLERK_OIDC_ISSUER: 'https://login.microsoftonline.com/0000-tenant/v2.0',
      CLERK_OIDC_CLIENT_ID: 'va',
    });
    expect(entra.clerkOidc?.graphUrl).to.equal('https://graph.microsoft.com/v1.0');
    const own = loadConfig({
      CLERK_OIDC_ISSUER: 'https://login.example.de/realms/amt',
      CLERK_OIDC_CLIENT_ID: 'va',
      CLERK_OIDC_GRAPH_URL: 'https://graph.example.de/v1.0/',
    });
    expect(own.clerkOidc?.graphUrl).to.equal('https://graph.example.de/v1.0');
    expect(() =>
      loadConfig({
        CLERK_OIDC_ISSUER: 'https://login.example.de',
        CLERK_OIDC_CLIENT_ID: 'va',
        CLERK_OIDC_GRAPH_URL: 'http://graph.example.de',
      }),
    ).to.throw(/CLERK_OIDC_GRAPH_URL/);
  });

  it('refuses an http provider off loopback, an issuer without client id, and a bad idle time', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ CLERK_OIDC_ISSUER: 'http://login.example.de', CLERK_OIDC_CLIENT_ID: 'va' }, 'CLERK_OIDC_ISSUER'],
      [{ CLERK_OIDC_ISSUER: 'https://login.example.de' }, 'CLERK_OIDC_CLIENT_ID'],
      [{ CLERK_SESSION_IDLE_MINUTES: '0' }, 'CLERK_SESSION_IDLE_MINUTES'],
      [{ CLERK_OIDC_DESKS_CLAIM: 'no spaces' }, 'CLERK_OIDC_DESKS_CLAIM'],
    ];
    for (const [env, key] of cases) {
      expect(() => loadConfig(env), key)
        .to.throw(ConfigError)
        .with.property('key', key);
    }
    expect(
      loadConfig({ CLERK_OIDC_ISSUER: 'http://127.0.0.1:3200', CLERK_OIDC_CLIENT_ID: 'va' }).clerkOidc?.issuer,
    ).to.equal('http://127.0.0.1:3200');
  });

  it('maps claims the way the providers send them', () => {
    const names = { clerkClaim: 'preferred_username', desksClaim: 'groups' };
    expect(
      identityFromClaims({ preferred_username: 'mb', groups: ['/buergeramt-mitte', 'kfz', 'kfz'] }, names),
    ).to.deep.equal({ id: 'mb', name: 'mb', desks: ['buergeramt-mitte', 'kfz'] });
    expect(
      identityFromClaims({ preferred_username: 'mb', name: 'Max', email: 'm@x.de', groups: 'kfz' }, names),
    ).to.deep.equal({ id: 'mb', name: 'Max', email: 'm@x.de', desks: ['kfz'] });
    expect(identityFromClaims({ preferred_username: 'mb' }, names)!.desks).to.deep.equal([]);
    expect(
      identityFromClaims(
        { preferred_username: 'mb', groups: ['staff', '/kfz', 'vpn-users'] },
        names,
        new Set(['kfz', 'buergeramt-mitte']),
      )!.desks,
      'only groups that are desks of CLERK_DESKS_FILE',
    ).to.deep.equal(['kfz']);
    expect(identityFromClaims({ sub: 'x', groups: ['kfz'] }, names)).to.equal(null);
    expect(
      identityFromClaims({ upn: 'mb@amt', roles: ['kfz', 7] }, { clerkClaim: 'upn', desksClaim: 'roles' }),
    ).to.deep.equal({ id: 'mb@amt', name: 'mb@amt', desks: ['kfz'] });
  });

  it('keeps returnTo on this site', () => {
    expect(safeReturnTo('/clerk?day=2026-12-08')).to.equal('/clerk?day=2026-12-08');
    for (const evil of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      'clerk',
      '/\u0000',
      undefined,
      ['/clerk'],
    ]) {
      expect(safeReturnTo(evil), String(evil)).to.equal('/clerk');
    }
  });
});

describe('clerk sign-in cookies', () => {
  it('use the __Host- prefix on https and a plain name on http', () => {
    expect(cookieNames(true).session).to.equal('__Host-va_clerk');
    expect(cookieNames(false).session).to.equal('va_clerk');
    expect(cookieNames(true).csrf).to.equal('va_clerk_csrf');
  });
});
