/**
 * The SFU's announced address: never 0.0.0.0 in ICE candidates (browsers cannot reach it, and nothing
 * reports an error). An explicit setting wins, a concrete listen address is announced as it is, otherwise
 * PUBLIC_URL's host (an IP literal, or the name resolved), otherwise start-up refuses with a message.
 */
import { expect } from 'chai';
import {
  AnnouncedAddressError,
  deriveAnnouncedAddress,
  type Lookup,
} from '../../video-service/src/media/sfu/announced-address.ts';

const noLookup: Lookup = async (host) => {
  throw new Error(`unexpected lookup of ${host}`);
};

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).to.be.instanceOf(AnnouncedAddressError);
  return outcome as Error;
}

describe('SFU announced address', () => {
  it('an explicit MEDIASOUP_ANNOUNCED_ADDRESS wins, also over PUBLIC_URL', async () => {
    expect(
      await deriveAnnouncedAddress(
        { listenIp: '0.0.0.0', announcedAddress: '203.0.113.7', publicUrl: 'https://video.example.org' },
        noLookup,
      ),
    ).to.equal('203.0.113.7');
    expect(
      await deriveAnnouncedAddress(
        { listenIp: '0.0.0.0', announcedAddress: 'media.example.org', publicUrl: 'http://127.0.0.1:4000' },
        noLookup,
      ),
    ).to.equal('media.example.org');
  });

  it('a concrete listen address is announced as it is (no announced address needed)', async () => {
    expect(
      await deriveAnnouncedAddress(
        { listenIp: '127.0.0.1', announcedAddress: undefined, publicUrl: 'https://video.example.org' },
        noLookup,
      ),
    ).to.equal(undefined);
    expect(
      await deriveAnnouncedAddress(
        { listenIp: '192.0.2.10', announcedAddress: undefined, publicUrl: 'http://localhost:4000' },
        noLookup,
      ),
    ).to.equal(undefined);
  });

  it('listening on 0.0.0.0 or :: announces the IP literal of PUBLIC_URL', async () => {
    expect(
      await deriveAnnouncedAddress(
        { listenIp: '0.0.0.0', announcedAddress: undefined, publicUrl: 'http://198.51.100.4:4000' },
        noLookup,
      ),
    ).to.equal('198.51.100.4');
    expect(
      await deriveAnnouncedAddress(
        { listenIp: '::', announcedAddress: undefined, publicUrl: 'https://[2001:db8::5]:8443' },
        noLookup,
      ),
    ).to.equal('2001:db8::5');
  });

  it('a PUBLIC_URL name is resolved once', async () => {
    const asked: string[] = [];
    const lookup: Lookup = async (host) => {
      asked.push(host);
      return '192.0.2.44';
    };
    expect(
      await deriveAnnouncedAddress(
        { listenIp: '0.0.0.0', announcedAddress: undefined, publicUrl: 'https://video.example.org/amt' },
        lookup,
      ),
    ).to.equal('192.0.2.44');
    expect(asked).to.deep.equal(['video.example.org']);
  });

  it('the real resolver turns localhost into a loopback address', async () => {
    const address = await deriveAnnouncedAddress({
      listenIp: '0.0.0.0',
      announcedAddress: undefined,
      publicUrl: 'http://localhost:4000',
    });
    expect(address).to.match(/^(127\.\d+\.\d+\.\d+|::1)$/);
  });

  it('refuses, saying what to set, when no reachable address can be found', async () => {
    const unresolvable: Lookup = async () => {
      throw new Error('getaddrinfo ENOTFOUND');
    };
    const a = await refusal(
      deriveAnnouncedAddress(
        { listenIp: '0.0.0.0', announcedAddress: undefined, publicUrl: 'https://video.invalid' },
        unresolvable,
      ),
    );
    expect(a.message).to.match(
      /0\.0\.0\.0 ICE candidates.*"video\.invalid" does not resolve.*set MEDIASOUP_ANNOUNCED_ADDRESS/,
    );
    const b = await refusal(
      deriveAnnouncedAddress(
        { listenIp: '0.0.0.0', announcedAddress: undefined, publicUrl: 'http://0.0.0.0:4000' },
        noLookup,
      ),
    );
    expect(b.message).to.match(/set MEDIASOUP_ANNOUNCED_ADDRESS/);
    const c = await refusal(
      deriveAnnouncedAddress(
        { listenIp: '0.0.0.0', announcedAddress: undefined, publicUrl: 'http://any.example' },
        async () => '0.0.0.0',
      ),
    );
    expect(c.message).to.match(/resolves to 0\.0\.0\.0/);
    await refusal(
      deriveAnnouncedAddress(
        { listenIp: '0.0.0.0', announcedAddress: '0.0.0.0', publicUrl: 'http://127.0.0.1:1' },
        noLookup,
      ),
    );
  });
});
