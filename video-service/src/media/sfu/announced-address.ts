/**
 * The address the SFU puts into its ICE candidates. A WebRtcServer listening on 0.0.0.0 without an
 * announced address hands out 0.0.0.0 candidates, which no browser can reach: the call then hangs at
 * "Verbindung wird aufgebaut …" with no error anywhere. So that default must not exist: use
 * MEDIASOUP_ANNOUNCED_ADDRESS, else a concrete listen address, else PUBLIC_URL's host (an IP literal, or
 * the name resolved once at start-up), else refuse to start with a message saying what to set.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export type Lookup = (host: string) => Promise<string>;

const defaultLookup: Lookup = async (host) => (await dnsLookup(host)).address;

export class AnnouncedAddressError extends Error {
  override readonly name = 'AnnouncedAddressError';
}

function unspecified(ip: string): boolean {
  return ip === '0.0.0.0' || ip === '::' || /^0+(\.0+){3}$/.test(ip) || /^(0*:)+0*$/.test(ip);
}

export interface AnnounceInput {
  listenIp: string;
  announcedAddress: string | undefined;
  /** PUBLIC_URL as configured (always set: config defaults it to http://localhost:<PORT>). */
  publicUrl: string;
}

/** `undefined` means "announce the listen address itself" (it is concrete). */
export async function deriveAnnouncedAddress(
  input: AnnounceInput,
  lookup: Lookup = defaultLookup,
): Promise<string | undefined> {
  if (input.announcedAddress) {
    if (unspecified(input.announcedAddress))
      throw new AnnouncedAddressError(
        `MEDIASOUP_ANNOUNCED_ADDRESS=${input.announcedAddress} is not an address a browser can reach`,
      );
    return input.announcedAddress;
  }
  if (!unspecified(input.listenIp)) return undefined;
  const host = new URL(input.publicUrl).hostname.replace(/^\[(.*)\]$/, '$1');
  const why = `MEDIASOUP_LISTEN_IP=${input.listenIp} with no MEDIASOUP_ANNOUNCED_ADDRESS would announce ${input.listenIp} ICE candidates, which browsers cannot reach`;
  if (isIP(host)) {
    if (unspecified(host))
      throw new AnnouncedAddressError(
        `${why}, and PUBLIC_URL's host ${host} is no better: set MEDIASOUP_ANNOUNCED_ADDRESS`,
      );
    return host;
  }
  let address: string;
  try {
    address = await lookup(host);
  } catch (error) {
    throw new AnnouncedAddressError(
      `${why}, and PUBLIC_URL's host "${host}" does not resolve (${error instanceof Error ? error.message : String(error)}): set MEDIASOUP_ANNOUNCED_ADDRESS`,
    );
  }
  if (unspecified(address))
    throw new AnnouncedAddressError(
      `${why}, and PUBLIC_URL's host "${host}" resolves to ${address}: set MEDIASOUP_ANNOUNCED_ADDRESS`,
    );
  return address;
}
