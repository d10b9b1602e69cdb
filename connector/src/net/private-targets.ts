/**
 * Server-side request forgery guard for every URL the connector calls on behalf of configuration or API
 * input (outbound webhooks, iCal feeds, booking-system APIs). A target whose host is — or resolves to —
 * a loopback, private, link-local, CGNAT, unique-local, multicast, reserved or unspecified address is
 * refused unless the operator sets ALLOW_PRIVATE_TARGETS=true (DESIGN.md).
 *
 * Two layers, use both:
 * 1. `assertPublicTarget(url, { allowPrivate })` before a request (resolves ALL addresses of the host);
 * 2. `publicOnlyLookup(allowPrivate)` as the `lookup` of the actual connection (axios `lookup` option,
 *    `http.request({ lookup })`, or the agents from `publicTargetAgents`), which re-checks the addresses the
 *    socket really connects to and so defeats DNS rebinding between check and use.
 * `guardAxios(instance, { allowPrivate })` installs both on an axios instance.
 *
 * Ranges: RFC 6890 special-purpose registries (IPv4 and IPv6).
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AxiosInstance } from 'axios';
import { InvalidInput } from '../errors.ts';

/** Options of the guard. `allowPrivate` mirrors ALLOW_PRIVATE_TARGETS (default false). */
export interface TargetGuardOptions {
  allowPrivate?: boolean;
  /** Resolver override (tests); defaults to `dns.promises.lookup` with `all: true`. */
  resolve?: (host: string) => Promise<string[]>;
}

/** Why a target was refused. */
export type RefusalReason = 'not_http' | 'unresolvable' | 'private';

/** Thrown when a URL is not an http(s) URL, does not resolve, or points at a non-public address (an InvalidInput: 422). */
export class PrivateTargetRefused extends InvalidInput {
  /** Why the target was refused (not the answer's `error` field, which stays `invalid_input`). */
  readonly refusal: RefusalReason;
  constructor(message: string, path = 'url', refusal: RefusalReason = 'private') {
    super(message, { issues: [{ path, message }] });
    this.refusal = refusal;
  }
}

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network", incl. unspecified 0.0.0.0
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT shared address space
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved + broadcast
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv6');
}

/** The IPv4 address embedded in an IPv4-mapped/-compatible, NAT64 or 6to4 IPv6 address, if any. */
function embeddedIpv4(ipv6: string): string | undefined {
  const lower = ipv6.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const words = expandIpv6(lower);
  if (!words) return undefined;
  const toV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeroPrefix = words.slice(0, 5).every((w) => w === 0);
  if (zeroPrefix && (words[5] === 0xffff || words[5] === 0)) return toV4(words[6]!, words[7]!); // mapped / compatible
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0))
    return toV4(words[6]!, words[7]!); // NAT64
  if (words[0] === 0x2002) return toV4(words[1]!, words[2]!); // 6to4
  return undefined;
}

function expandIpv6(ip: string): number[] | undefined {
  const [head, tail, extra] = ip.split('::');
  if (extra !== undefined) return undefined;
  const part = (s: string | undefined) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const a = part(head);
  const b = part(tail);
  const words = tail === undefined ? a : [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : undefined;
}

/** True when `ip` (an IPv4 or IPv6 literal, brackets allowed) is not a public unicast address. */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = net.isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4 !== undefined && net.isIPv4(v4)) return blocked.check(v4, 'ipv4') || v4 === '0.0.0.0';
    return blocked.check(bare, 'ipv6');
  }
  return true; // not an IP at all: never treat as public
}

async function resolveAll(host: string): Promise<string[]> {
  const entries = await dns.promises.lookup(host, { all: true, verbatim: true });
  return entries.map((e) => e.address);
}

/**
 * Refuses `url` unless it is http(s) and every address its host resolves to is public (or
 * `allowPrivate`). Throws PrivateTargetRefused (an InvalidInput → 422 at the HTTP edge); a host that does
 * not resolve is refused too. `path` names the offending input field in the error.
 */
export async function assertPublicTarget(
  url: string | URL,
  options: TargetGuardOptions & { path?: string } = {},
): Promise<void> {
  const path = options.path ?? 'url';
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    throw new PrivateTargetRefused('not a valid URL', path, 'not_http');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PrivateTargetRefused('only http and https targets are allowed', path, 'not_http');
  }
  if (options.allowPrivate) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await (options.resolve ?? resolveAll)(host);
    } catch {
      throw new PrivateTargetRefused('target host does not resolve', path, 'unresolvable');
    }
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw new PrivateTargetRefused(
      'target resolves to a private, loopback or link-local address (set ALLOW_PRIVATE_TARGETS=true to allow)',
      path,
    );
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `dns.lookup`-compatible function for `http.request({ lookup })`, `net.connect`, http(s) agents or
 * axios' `lookup` option: resolves like dns.lookup but fails with code `EPRIVATETARGET` when any address
 * is private (unless `allowPrivate`). Node skips `lookup` for IP-literal hosts — pair with assertPublicTarget.
 */
export function publicOnlyLookup(allowPrivate = false) {
  return function lookup(
    hostname: string,
    options: dns.LookupOptions | number | LookupCallback,
    callback?: LookupCallback,
  ): void {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts: dns.LookupOptions =
      typeof options === 'object' ? options : typeof options === 'number' ? { family: options } : {};
    dns.lookup(hostname, { ...opts, all: true }, (err, entries) => {
      if (err) return cb(err, '');
      if (!allowPrivate && (entries.length === 0 || entries.some((e) => isPrivateAddress(e.address)))) {
        const refused: NodeJS.ErrnoException = new Error(`refused private target ${hostname}`);
        refused.code = 'EPRIVATETARGET';
        return cb(refused, '');
      }
      if (opts.all) return cb(null, entries);
      const first = entries[0]!;
      cb(null, first.address, first.family);
    });
  };
}

/** http/https agents whose connections go through `publicOnlyLookup` (axios `httpAgent`/`httpsAgent`). */
export function publicTargetAgents(allowPrivate = false): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  const lookup = publicOnlyLookup(allowPrivate) as unknown as net.LookupFunction;
  return {
    httpAgent: new http.Agent({ keepAlive: false, lookup } as http.AgentOptions),
    httpsAgent: new https.Agent({ keepAlive: false, lookup } as https.AgentOptions),
  };
}

/**
 * Guards an axios instance: every request's URL is checked with assertPublicTarget and its connection
 * uses publicOnlyLookup. Redirects are not followed (`maxRedirects: 0`), so a public host cannot bounce
 * the request to a private one. Returns the same instance.
 */
export function guardAxios(instance: AxiosInstance, options: TargetGuardOptions = {}): AxiosInstance {
  const allowPrivate = options.allowPrivate ?? false;
  const lookup = publicOnlyLookup(allowPrivate);
  instance.defaults.maxRedirects = 0;
  instance.interceptors.request.use(async (config) => {
    const target = instance.getUri(config);
    await assertPublicTarget(target, options);
    config.maxRedirects = 0;
    (config as { lookup?: unknown }).lookup = lookup;
    return config;
  });
  return instance;
}
