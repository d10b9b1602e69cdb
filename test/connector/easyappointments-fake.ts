/**
 * Test doubles for Easy!Appointments: a REAL local HTTP server speaking its REST API v1
 * (`/index.php/api/v1/{customers|services|providers}/{id}`, camelCase resources, Basic or Bearer auth,
 * `{ code, message }` on errors — https://easyappointments.org/documentation/rest-api/), webhook bodies
 * shaped like E!A's `Webhooks_client` sends them (`{ action, payload: <appointments row> }`), and a poster.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeEasyAppointments {
  /** `http://127.0.0.1:<port>` — the installation's base URL. */
  url: string;
  customers: Map<string, Record<string, unknown>>;
  services: Map<string, Record<string, unknown>>;
  providers: Map<string, Record<string, unknown>>;
  /** Every request: method, path and Authorization header. */
  requests: Array<{ method: string; path: string; authorization: string | undefined }>;
  close(): Promise<void>;
}

/**
 * Starts the fake API on a free loopback port. `auth` is what the Authorization header must be
 * (`Bearer <key>` or `Basic <base64>`); anything else gets 401 like E!A.
 */
export async function startFakeEasyAppointments(auth: string): Promise<FakeEasyAppointments> {
  const customers = new Map<string, Record<string, unknown>>();
  const services = new Map<string, Record<string, unknown>>();
  const providers = new Map<string, Record<string, unknown>>();
  const requests: FakeEasyAppointments['requests'] = [];
  const tables: Record<string, Map<string, Record<string, unknown>>> = { customers, services, providers };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== auth) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Easy!Appointments"');
      return send(401, { code: 401, message: 'You are not authorized to use the API.' });
    }
    const match = /^\/index\.php\/api\/v1\/(customers|services|providers)\/(\d+)$/.exec(path);
    const record = match ? tables[match[1]!]!.get(match[2]!) : undefined;
    if (req.method !== 'GET' || !record)
      return send(404, { code: 404, message: 'The requested record was not found!' });
    send(200, record);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    customers,
    services,
    providers,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A customer resource as `GET /customers/{id}` answers it (E!A 1.5). */
export function eaCustomer(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    firstName: 'Erika',
    lastName: 'Mustermann',
    email: 'erika@example.org',
    phone: '+49 30 1234567',
    address: 'Musterstraße 1',
    city: 'Musterstadt',
    state: '',
    zip: '12345',
    notes: '',
    timezone: 'Europe/Berlin',
    language: 'german',
    customField1: '',
    ldapDn: null,
    ...overrides,
  };
}

/** The appointments row E!A sends as webhook payload (times local, without zone). */
export function eaRow(
  id: number,
  start: string,
  end: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    book_datetime: '2026-01-15 09:12:44',
    start_datetime: start,
    end_datetime: end,
    location: '',
    notes: 'Bitte Personalausweis bereithalten',
    hash: 'a8d7f6e5c4b3',
    color: '#7cbae8',
    status: 'Booked',
    is_unavailability: false,
    id_users_provider: 2,
    id_users_customer: 17,
    id_services: 3,
    id_google_calendar: null,
    id_caldav_calendar: null,
    create_datetime: '2026-01-15 09:12:44',
    update_datetime: '2026-01-15 09:12:44',
    ...overrides,
  };
}

export interface EaResponse {
  status: number;
  body: any;
}

/** POSTs a webhook the way E!A does (Guzzle `json` option: application/json). */
export async function postEasyAppointments(
  baseUrl: string,
  secret: string,
  body: unknown,
  options: { contentType?: string } = {},
): Promise<EaResponse> {
  const res = await fetch(`${baseUrl}/webhooks/easyappointments/${secret}`, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed };
}

/** `YYYY-MM-DD HH:MM:SS` of a wall time `days` from today at `hh:mm` (for appointments in the future). */
export function localIn(days: number, hhmm: string): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)} ${hhmm}:00`;
}

/** Fills the fake with two customers, two services and one provider. */
export function fillFake(fake: FakeEasyAppointments): void {
  fake.customers.set('17', eaCustomer(17));
  fake.customers.set(
    '18',
    eaCustomer(18, { firstName: 'John', lastName: 'Doe', email: 'john@example.org', phone: '', language: 'english' }),
  );
  fake.services.set('3', {
    id: 3,
    name: 'Anmeldung einer Wohnung',
    duration: 30,
    price: 0,
    currency: 'EUR',
    availabilitiesType: 'flexible',
    attendantsNumber: 1,
  });
  fake.services.set('4', {
    id: 4,
    name: 'Meldebescheinigung',
    duration: 15,
    price: 5,
    currency: 'EUR',
    availabilitiesType: 'flexible',
    attendantsNumber: 1,
  });
  fake.providers.set('2', {
    id: 2,
    firstName: 'Max',
    lastName: 'Schulz',
    email: 'schulz@buergeramt.example.org',
    services: [3, 4],
  });
}
