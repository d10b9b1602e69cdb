import { expect } from 'chai';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, signIn, startSignInStack, type SignInStack } from './clerk-support.ts';

const SESSION = 'va_clerk';

interface GraphCall {
  method: string;
  path: string;
  authorization: string;
  body: unknown;
}

/**
 * A stand-in for Microsoft Graph's `POST /v1.0/me/getMemberObjects` (the documented wire format: JSON body
 * `{ "securityEnabledOnly": bool }`, answer `{ "value": ["<object id>", …] }`, a bearer access token). Graph is a
 * Microsoft cloud service that cannot run here; everything else in this test is real (oidc-provider, the connector).
 */
async function startGraph(
  answer: () => { status: number; body: unknown },
): Promise<{ url: string; calls: GraphCall[]; server: Server }> {
  const calls: GraphCall[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    calls.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization ?? '',
      body: text ? JSON.parse(text) : null,
    });
    const { status, body } = answer();
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`, calls, server };
}

describe('clerk sign-in with Entra ID groups overage (the groups come from Microsoft Graph)', function () {
  this.timeout(60_000);
  let s: SignInStack;
  let graph: Awaited<ReturnType<typeof startGraph>>;
  let reply: { status: number; body: unknown } = { status: 200, body: {} };

  before(async () => {
    graph = await startGraph(() => reply);
    s = await startSignInStack({
      // What Entra puts into the token: the endpoint of the retired Azure AD Graph. The connector must not call it.
      groupsOverageEndpoint: 'https://graph.windows.net/tenant/users/x/getMemberObjects',
      env: { CLERK_OIDC_GRAPH_URL: graph.url },
    });
  });
  after(async () => {
    await s?.close();
    graph?.server.close();
  });
  beforeEach(() => {
    graph.calls.length = 0;
  });

  const principalOf = (browser: Browser) =>
    s.connector.connector.authenticateClerk({
      headers: { cookie: `${SESSION}=${browser.cookie(s.baseUrl, SESSION) ?? ''}` },
    } as never);

  it('reads the desks from getMemberObjects with the clerk’s access token, never from the token’s _claim_sources', async () => {
    reply = {
      status: 200,
      body: {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)',
        value: ['buergeramt-mitte', 'kfz'],
      },
    };
    const browser = new Browser();
    const landed = await signIn(browser, s.baseUrl, 'mbeispiel');
    expect(landed.status).to.equal(200);
    const principal = await principalOf(browser);
    expect(principal).to.include({ id: 'mbeispiel' });
    expect(principal!.desks).to.deep.equal(['buergeramt-mitte', 'kfz']);
    expect(graph.calls).to.have.length(1);
    expect(graph.calls[0]).to.include({ method: 'POST', path: '/v1.0/me/getMemberObjects' });
    expect(graph.calls[0]!.authorization).to.match(/^Bearer \S{20,}$/);
    expect(graph.calls[0]!.body).to.deep.equal({ securityEnabledOnly: false });
  });

  it('keeps the desks the connector knows among hundreds of other memberships (the cap applies after that)', async () => {
    const others = Array.from({ length: 250 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    reply = { status: 200, body: { value: [...others, 'kfz'] } };
    const browser = new Browser();
    expect((await signIn(browser, s.baseUrl, 'kschmidt')).status).to.equal(200);
    expect((await principalOf(browser))!.desks).to.deep.equal(['kfz']);
  });

  it('refuses the sign-in (502, no session) when Graph fails, instead of signing the clerk in without desks', async () => {
    reply = { status: 503, body: { error: { code: 'serviceNotAvailable' } } };
    const browser = new Browser();
    const landed = await signIn(browser, s.baseUrl, 'mbeispiel');
    expect(landed.status).to.equal(502);
    expect(browser.cookie(s.baseUrl, SESSION)).to.equal(undefined);
    expect(graph.calls).to.have.length(1);
  });

  it('refuses an answer that is not a list of object ids', async () => {
    reply = { status: 200, body: { value: [{ id: 'buergeramt-mitte' }] } };
    const browser = new Browser();
    const landed = await signIn(browser, s.baseUrl, 'mbeispiel');
    expect(landed.status).to.equal(502);
    expect(browser.cookie(s.baseUrl, SESSION)).to.equal(undefined);
  });
});
