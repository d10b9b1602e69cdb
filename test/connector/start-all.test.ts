import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { freePort } from '../support/ports.ts';
import { Browser, signIn } from './clerk-support.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** The local addresses on which something listens on TCP `port` (Linux: /proc/net/tcp and tcp6). */
async function listeningAddresses(port: number): Promise<string[]> {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A = LISTEN
      const [hex, portHex] = local.split(':') as [string, string];
      if (parseInt(portHex, 16) !== port) continue;
      found.push(
        hex.length === 8
          ? hex
              .match(/../g)!
              .reverse()
              .map((b) => parseInt(b, 16))
              .join('.')
          : hex === '0'.repeat(32)
            ? '::'
            : `ipv6:${hex}`,
      );
    }
  }
  return found;
}

describe('npm start (start-all.ts)', function () {
  this.timeout(60_000);

  it('starts connector, video service and demo page, keeps a dev secret, and stops everything on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'va-start-all-'));
    const [connectorPort, videoPort, demoPort] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      CONNECTOR_PORT: String(connectorPort),
      VIDEO_PORT: String(videoPort),
      DEMO_PORT: String(demoPort),
      DEV_IDP_PORT: String(await freePort()),
      MEDIA_MODE: 'p2p',
      LOG_LEVEL: 'info',
    };
    const child = spawn(process.execPath, ['connector/src/demo/start-all.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 45_000;
      while (!output.includes('Virtuelles Amt is running') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output, output).to.include('Virtuelles Amt is running');
      expect(output).to.include(`http://localhost:${demoPort}`);
      expect(output).to.not.include('not answering yet');
      // All three listen on loopback only (the dev mailbox shows every join link), and the banner says so.
      for (const port of [connectorPort, videoPort, demoPort])
        expect(await listeningAddresses(port), `port ${port}`).to.deep.equal(['127.0.0.1']);
      expect(output).to.include(`Listening on 127.0.0.1 only (ports ${demoPort}, ${connectorPort}, ${videoPort})`);
      expect(output).to.include('HOST=0.0.0.0 npm start');

      const secrets = JSON.parse(await readFile(path.join(dataDir, 'dev-secrets.json'), 'utf8')) as {
        genericWebhookSecret: string;
      };
      expect(secrets.genericWebhookSecret).to.match(/^whsec_/);
      expect((await stat(path.join(dataDir, 'dev-secrets.json'))).mode & 0o777).to.equal(0o600);

      expect((await fetch(`http://127.0.0.1:${connectorPort}/healthz`)).status).to.equal(200);
      expect((await fetch(`http://127.0.0.1:${videoPort}/healthz`)).status).to.equal(200);
      expect((await fetch(`http://127.0.0.1:${demoPort}/`)).status).to.equal(200);
      // The development provider is up and the connector signs a development clerk in with it.
      expect(output).to.include('Dev sign-in');
      const landed = await signIn(new Browser(), `http://localhost:${connectorPort}`, 'mbeispiel');
      expect(landed.hops.at(-1)).to.equal(`http://localhost:${connectorPort}/clerk`);
      expect(landed.text).to.include('Max Beispiel');
      // The demo scheduler: its backend gets a plug-in token from the connector with the dev API key.
      expect(output).to.include(`http://localhost:${demoPort}/scheduler`);
      const token = await fetch(`http://127.0.0.1:${demoPort}/scheduler/token`, {
        method: 'POST',
        headers: { 'x-va-demo': '1' },
      });
      expect(token.status).to.equal(200);
      const day = await fetch(`http://127.0.0.1:${connectorPort}/clerk/api/appointments`, {
        headers: {
          authorization: `Bearer ${((await token.json()) as { token: string }).token}`,
          origin: `http://localhost:${demoPort}`,
        },
      });
      expect(day.status).to.equal(200);
      expect(day.headers.get('access-control-allow-origin')).to.equal(`http://localhost:${demoPort}`);
      const jwks = (await (await fetch(`http://127.0.0.1:${connectorPort}/.well-known/jwks.json`)).json()) as {
        keys: unknown[];
      };
      expect(jwks.keys).to.have.length(1);
      // Both children's output arrives prefixed (lines may trail the health answers a little).
      for (let i = 0; i < 50 && !(output.includes('[connector] ') && output.includes('[video] ')); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output).to.include('[connector] ');
      expect(output).to.include('[video] ');

      child.kill('SIGTERM');
      expect(await exited).to.equal(0);
      const refused = await fetch(`http://127.0.0.1:${connectorPort}/healthz`).then(
        () => false,
        () => true,
      );
      expect(refused, 'connector port closed after stop').to.equal(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('HOST=0.0.0.0 opens all three to the network, and the banner warns about the dev mailbox', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'va-start-all-'));
    const [connectorPort, videoPort, demoPort] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      HOST: '0.0.0.0',
      CONNECTOR_PORT: String(connectorPort),
      VIDEO_PORT: String(videoPort),
      DEMO_PORT: String(demoPort),
      DEV_IDP_PORT: String(await freePort()),
      MEDIA_MODE: 'p2p',
      LOG_LEVEL: 'warn',
    };
    const child = spawn(process.execPath, ['connector/src/demo/start-all.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 45_000;
      while (!output.includes('Press Ctrl+C') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output, output).to.include('Virtuelles Amt is running');
      expect(output).to.not.include('not answering yet');
      for (const port of [connectorPort, videoPort, demoPort])
        expect(await listeningAddresses(port), `port ${port}`).to.deep.equal(['0.0.0.0']);
      expect(output).to.include(
        `Listening on 0.0.0.0 (ports ${demoPort}, ${connectorPort}, ${videoPort}): reachable from your network.`,
      );
      expect(output).to.include('dev mailbox shows every join link to anyone who can open it (SMTP_URL is not set)');
      child.kill('SIGTERM');
      expect(await exited).to.equal(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
