/**
 * A stand-in XBezahldienste platform (API v1.0.0) as a real HTTP server: an OAuth2 client-credentials
 * token endpoint, POST/GET /paymenttransaction/{originatorId}/{endPointId}[/{transactionId}], problem+json
 * errors (PAYMENT_EXISTS for a requestId seen before, VALIDATION_ERROR, …). Tests decide the status
 * (INITIAL → PAYED / FAILED / CANCELED) and can make it fail (`down`) or lose its answer after creating.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface XbdTransaction {
  id: string;
  requestId: string;
  status: 'INITIAL' | 'PAYED' | 'FAILED' | 'CANCELED';
  grosAmount: number;
  purpose: string;
  paymentMethod?: string;
  reference: string;
}

export class StandInXBezahldienste {
  readonly transactions = new Map<string, XbdTransaction>();
  readonly tokens = new Set<string>();
  creates = 0;
  /** 'down': answer 503; 'lose-answer': create, then answer 504 (the request arrived, the answer did not). */
  mode: 'up' | 'down' | 'lose-answer' | 'reject' = 'up';
  url = '';
  readonly #server: Server;

  readonly clientId = 'va-client';
  readonly clientSecret = 'xbd-secret-Do-Not-Log-42';
  readonly originator = 'va-online';
  readonly endpoint = '08215009';

  constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  env(): Record<string, string> {
    return {
      XBEZAHLDIENSTE_BASE_URL: `${this.url}/api/v1`,
      XBEZAHLDIENSTE_TOKEN_URL: `${this.url}/xbezahldienste/auth/token`,
      XBEZAHLDIENSTE_CLIENT_ID: this.clientId,
      XBEZAHLDIENSTE_CLIENT_SECRET: this.clientSecret,
      XBEZAHLDIENSTE_ORIGINATOR_ID: this.originator,
      XBEZAHLDIENSTE_ENDPOINT_ID: this.endpoint,
    };
  }

  decide(id: string, status: XbdTransaction['status'], paymentMethod = 'CREDITCARD'): void {
    const t = this.transactions.get(id)!;
    t.status = status;
    t.paymentMethod = paymentMethod;
  }

  #info(t: XbdTransaction) {
    const url = `${this.url}/api/v1/paymenttransaction/${this.originator}/${this.endpoint}/${t.id}`;
    return {
      paymentInformation: {
        transactionId: t.id,
        transactionUrl: url,
        ...(t.status === 'INITIAL' ? { transactionRedirectUrl: `${this.url}/pay/${t.id}` } : {}),
        transactionReference: t.reference,
        transactionTimestamp: new Date().toISOString(),
        status: t.status,
        ...(t.status === 'PAYED' ? { paymentMethod: t.paymentMethod } : {}),
        ...(t.status === 'FAILED' ? { statusDetail: 'Karte abgelehnt' } : {}),
      },
    };
  }

  async #handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, value: unknown, type = 'application/json') =>
      res.writeHead(status, { 'content-type': type }).end(JSON.stringify(value));
    const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
      json(
        status,
        { type: `https://xbezahldienste.example/errors/${code}`, title: code, status, ...extra },
        'application/problem+json',
      );
    if (this.mode === 'down') return void res.writeHead(503).end();
    if (req.url === '/xbezahldienste/auth/token' && req.method === 'POST') {
      const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      if (basic !== `${this.clientId}:${this.clientSecret}` || !body.includes('grant_type=client_credentials'))
        return json(401, { error: 'invalid_client' });
      const token = randomUUID();
      this.tokens.add(token);
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: 300 });
    }
    if (!this.tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) return problem(401, 'FORBIDDEN');
    const base = `/api/v1/paymenttransaction/${this.originator}/${this.endpoint}`;
    if (req.method === 'POST' && req.url === base) {
      const request = JSON.parse(body) as {
        requestId: string;
        grosAmount: number;
        purpose: string;
        items: Array<{ totalNetAmount: number }>;
      };
      if (this.mode === 'reject') return problem(400, 'VALIDATION_ERROR', { detail: 'purpose too long' });
      const sum = request.items.reduce((s, i) => s + i.totalNetAmount, 0);
      if (Math.abs(sum - request.grosAmount) > 0.001 || request.purpose.length > 27)
        return problem(400, 'CALCULATION_ERROR');
      const existing = [...this.transactions.values()].find((t) => t.requestId === request.requestId);
      if (existing) return problem(409, 'PAYMENT_EXISTS', { instance: `${base}/${existing.id}` });
      this.creates += 1;
      const t: XbdTransaction = {
        id: randomUUID(),
        requestId: request.requestId,
        status: 'INITIAL',
        grosAmount: request.grosAmount,
        purpose: request.purpose,
        reference: `KZ-${this.creates}-${Date.now()}`,
      };
      this.transactions.set(t.id, t);
      if (this.mode === 'lose-answer') return void res.writeHead(504).end();
      return json(201, this.#info(t));
    }
    if (req.method === 'GET' && req.url?.startsWith(`${base}/`)) {
      const t = this.transactions.get(req.url.slice(base.length + 1));
      return t ? json(200, this.#info(t)) : problem(404, 'UNSPECIFIED');
    }
    problem(404, 'UNSPECIFIED');
  }
}
