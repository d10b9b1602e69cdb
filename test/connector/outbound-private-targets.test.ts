import { expect } from 'chai';
import axios from 'axios';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  assertPublicTarget,
  guardAxios,
  isPrivateAddress,
  PrivateTargetRefused,
  publicOnlyLookup,
} from '../../connector/src/net/private-targets.ts';

describe('private-target guard (SSRF) for outbound URLs', function () {
  this.timeout(10_000);
  let server: http.Server;
  let port: number;

  before(async () => {
    server = http.createServer((_req, res) => res.end('ok'));
    server.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('classifies loopback, private, link-local, CGNAT, unique-local, unspecified and mapped addresses as private', () => {
    const privateOnes = [
      '127.0.0.1',
      '127.255.255.254',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.255',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '64:ff9b::a9fe:a9fe',
      '2002:c0a8:0101::1',
      '[::1]',
      'not-an-ip',
    ];
    const publicOnes = [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '100.128.0.1',
      '192.169.0.1',
      '2001:4860:4860::8888',
      '::ffff:8.8.8.8',
    ];
    for (const ip of privateOnes) expect(isPrivateAddress(ip), ip).to.equal(true);
    for (const ip of publicOnes) expect(isPrivateAddress(ip), ip).to.equal(false);
  });

  it('refuses a URL whose host resolves to any private address, and non-http schemes', async () => {
    const resolve = async (host: string) =>
      host === 'mixed.example' ? ['93.184.216.34', '10.0.0.5'] : ['93.184.216.34'];
    await assertPublicTarget('https://public.example/hook', { resolve });
    for (const url of [
      'https://mixed.example/',
      'http://127.0.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'file:///etc/passwd',
      'gopher://x/',
      'not a url',
    ]) {
      const err = await assertPublicTarget(url, { resolve }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, url).to.be.instanceOf(PrivateTargetRefused);
    }
    const unresolvable = await assertPublicTarget('http://host.invalid/', {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(unresolvable).to.be.instanceOf(PrivateTargetRefused);
    expect((unresolvable as PrivateTargetRefused).refusal).to.equal('unresolvable');
    await assertPublicTarget('http://127.0.0.1/', { allowPrivate: true });
  });

  it('guards the connection itself: a lookup that yields loopback fails with EPRIVATETARGET unless allowed', async () => {
    const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const req = http.get({ host: 'localhost', port, lookup: publicOnlyLookup(false) as never }, () => resolve(null));
      req.on('error', resolve);
    });
    expect(refused?.code).to.equal('EPRIVATETARGET');
    const allowed = await new Promise<number>((resolve, reject) => {
      const req = http.get({ host: 'localhost', port, lookup: publicOnlyLookup(true) as never }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    expect(allowed).to.equal(200);
  });

  it('guards an axios instance (and never follows redirects)', async () => {
    const guarded = guardAxios(axios.create());
    const err = await guarded.get(`http://localhost:${port}/`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(PrivateTargetRefused);
    const open = guardAxios(axios.create(), { allowPrivate: true });
    expect((await open.get(`http://127.0.0.1:${port}/`)).data).to.equal('ok');
    expect(open.defaults.maxRedirects).to.equal(0);
  });
});
