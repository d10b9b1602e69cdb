/**
 * Helpers for the REST API suites: API keys, a request helper with the bearer key, a valid generic
 * `appointment` object.
 */
import { randomUUID } from 'node:crypto';

export const API_KEY = 'test-api-key-0123456789abcdef';
export const OTHER_API_KEY = 'other-api-key-fedcba9876543210';
/** Environment for startConnector: both keys configured. */
export const API_ENV = { API_KEYS: `${API_KEY}, ${OTHER_API_KEY}` };

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

export interface ApiRequest {
  method?: string;
  /** Object → JSON; string → sent as is. */
  body?: unknown;
  /** Default: `Bearer <API_KEY>`; null sends no Authorization header. */
  auth?: string | null;
  headers?: Record<string, string>;
}

/** Calls the connector's REST API. */
export async function api(baseUrl: string, path: string, request: ApiRequest = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...request.headers };
  const auth = request.auth === undefined ? `Bearer ${API_KEY}` : request.auth;
  if (auth !== null) headers.authorization = auth;
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, {
    method: request.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A valid generic `appointment` object starting at `start` (ISO with offset) for 30 minutes. */
export function makeApiAppointment(
  overrides: Record<string, unknown> = {},
  start = futureStart(60),
): Record<string, any> {
  const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
  return {
    id: `sched-${randomUUID()}`,
    title: 'Anmeldung einer Wohnung',
    start,
    end,
    timezone: 'Europe/Berlin',
    services: ['anmeldung'],
    citizen: { name: 'Erika Mustermann', email: 'erika@example.org', locale: 'de' },
    clerk: { id: 'clerk-7', name: 'Max Schulz', email: 'schulz@example.org' },
    ...overrides,
  };
}

/** ISO instant `minutes` from now, on a whole minute. */
export function futureStart(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000);
  d.setUTCSeconds(0, 0);
  return d.toISOString();
}

/** The JWT payload of a link's token (after `#`), without verifying it. */
export function tokenClaims(link: string): Record<string, any> {
  const token = link.slice(link.indexOf('#') + 1);
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}
