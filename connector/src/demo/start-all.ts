/**
 * `npm start`: the whole product on one machine with embedded defaults. Ensures DATA_DIR, keeps a
 * dev GENERIC_WEBHOOK_SECRET in DATA_DIR/dev-secrets.json when none is set, starts the development
 * OpenID provider for the clerk sign-in (unless CLERK_OIDC_ISSUER names a real one), starts the connector
 * and the video service as child processes (output prefixed), starts the demo booking page, prints the
 * URLs, and stops everything on SIGINT/SIGTERM or as soon as one child dies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { ConfigError } from '../errors.ts';
import { DemoBookingServer } from './booking-server.ts';
import { isLoopbackHost, loadStartAllConfig, type StartAllConfig } from './config.ts';
import { loadOrCreateDevSecrets } from './dev-secrets.ts';
import { DevIdentityProvider } from './dev-idp/dev-identity-provider.ts';

/** The client id the development provider knows the connector by. */
const DEV_CLIENT_ID = 'virtuelles-amt-connector';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Child {
  name: string;
  process: ChildProcess;
}

function spawnService(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
  }
  return { name, process: child };
}

/** Environment of one child: everything passed through, minus what differs per service. */
function childEnv(config: StartAllConfig, own: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const {
    PORT: _port,
    PUBLIC_URL: _publicUrl,
    DATABASE_URL: _databaseUrl,
    CONNECTOR_JWKS_URL: _jwks,
    ...base
  } = config.childEnv;
  const env: NodeJS.ProcessEnv = { ...base, DATA_DIR: config.dataDir };
  for (const [key, value] of Object.entries(own)) if (value !== undefined) env[key] = value;
  return env;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main(): Promise<void> {
  const config = loadStartAllConfig(process.env);
  await mkdir(config.dataDir, { recursive: true });
  const devSecrets = await loadOrCreateDevSecrets(config.dataDir);
  const secret = config.webhookSecret ?? devSecrets.genericWebhookSecret;
  // The development provider lives in this process; a fresh client secret per start is enough.
  const clientSecret = randomBytes(24).toString('base64url');
  const idp = config.clerkOidcIssuer
    ? null
    : await DevIdentityProvider.start({
        port: config.devIdpPort,
        host: config.host,
        publicUrl: `http://localhost:${config.devIdpPort}`,
        clients: [
          {
            clientId: DEV_CLIENT_ID,
            clientSecret,
            redirectUris: [`${config.connectorPublicUrl}/clerk/callback`],
            postLogoutRedirectUris: [`${config.connectorPublicUrl}/clerk/login`],
          },
        ],
      });
  const signIn = idp
    ? { CLERK_OIDC_ISSUER: idp.issuer, CLERK_OIDC_CLIENT_ID: DEV_CLIENT_ID, CLERK_OIDC_CLIENT_SECRET: clientSecret }
    : {};

  const children: Child[] = [
    spawnService(
      'connector',
      // A smaller young generation keeps large iCal feed polls well under 300 MB (docs/ical-feeds.md).
      ['--max-semi-space-size=16', 'connector/src/main.ts'],
      childEnv(config, {
        HOST: config.host,
        VIDEO_ADMIN_URL: `http://${config.localHost}:${config.videoPort}`,
        VIDEO_EVENTS_WEBHOOK_SECRET: devSecrets.videoEventsSecret,
        PORT: String(config.connectorPort),
        PUBLIC_URL: config.connectorPublicUrl,
        VIDEO_PUBLIC_URL: config.videoPublicUrl,
        GENERIC_WEBHOOK_SECRET: secret,
        DATABASE_URL: config.connectorDatabaseUrl,
        ...signIn,
        // The demo scheduler (/scheduler on the demo page) gets plug-in tokens with its own key and calls the
        // workplace API from its origin (docs/ui-plugins.md).
        API_KEYS: [config.childEnv.API_KEYS, devSecrets.schedulerApiKey].filter(Boolean).join(','),
        PLUGIN_ALLOWED_ORIGINS: [
          config.childEnv.PLUGIN_ALLOWED_ORIGINS,
          `http://localhost:${config.demoPort}`,
          `http://127.0.0.1:${config.demoPort}`,
        ]
          .filter(Boolean)
          .join(','),
      }),
    ),
    spawnService(
      'video',
      ['video-service/src/main.ts'],
      childEnv(config, {
        // Room events go to the connector next door (a loopback target, hence ALLOW_PRIVATE_TARGETS).
        EVENTS_WEBHOOK_URL: `http://${config.localHost}:${config.connectorPort}/webhooks/video-service`,
        EVENTS_WEBHOOK_SECRET: devSecrets.videoEventsSecret,
        ALLOW_PRIVATE_TARGETS: 'true',
        HOST: config.host,
        PORT: String(config.videoPort),
        PUBLIC_URL: config.videoPublicUrl,
        CONNECTOR_JWKS_URL: config.connectorJwksUrl,
        DATABASE_URL: config.videoDatabaseUrl,
      }),
    ),
  ];
  const demo = new DemoBookingServer({
    port: config.demoPort,
    host: config.host,
    connectorUrl: `http://${config.localHost}:${config.connectorPort}`,
    connectorPublicUrl: config.connectorPublicUrl,
    webhookSecret: secret,
    timezone: config.timezone,
    logLevel: config.logLevel,
    schedulerApiKey: devSecrets.schedulerApiKey,
  });

  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGTERM');
    const killer = setTimeout(
      () => children.forEach((c) => c.process.exitCode === null && c.process.kill('SIGKILL')),
      10_000,
    );
    await Promise.all([
      demo.close(),
      idp?.close(),
      ...children.map((c) => (c.process.exitCode === null ? new Promise((r) => c.process.once('exit', r)) : null)),
    ]);
    clearTimeout(killer);
    process.exit(exitCode);
  };
  for (const c of children) {
    c.process.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`[start-all] ${c.name} stopped (${signal ?? `exit code ${code}`}); stopping everything`);
      void stop(code || 1);
    });
  }
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  await demo.listen();
  const [connectorUp, videoUp] = await Promise.all([
    waitForHealth(`http://${config.localHost}:${config.connectorPort}/healthz`, 30_000),
    waitForHealth(`http://${config.localHost}:${config.videoPort}/healthz`, 30_000),
  ]);
  if (stopping) return;
  const mark = (up: boolean) => (up ? '' : '   (not answering yet)');
  console.log(
    [
      '',
      'Virtuelles Amt is running:',
      `  Demo booking page   http://localhost:${config.demoPort}`,
      `  Demo scheduler      http://localhost:${config.demoPort}/scheduler   (the clerk's day through the ui-plugins)`,
      `  Connector           ${config.connectorPublicUrl}   (dev mailbox: ${config.connectorPublicUrl}/dev/mailbox)${mark(connectorUp)}`,
      `  Video service       ${config.videoPublicUrl}${mark(videoUp)}`,
      `  Clerk workplace     ${config.connectorPublicUrl}/clerk`,
      ...(idp
        ? [`  Dev sign-in         ${idp.issuer}   (development clerks mbeispiel, afischer, kschmidt; password "dev")`]
        : [`  Sign-in             ${config.clerkOidcIssuer}`]),
      ...reachability(config),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

/** Says who can reach the three, and how to change it (the dev mailbox shows every join link). */
function reachability(config: StartAllConfig): string[] {
  const ports = `ports ${config.demoPort}, ${config.connectorPort}, ${config.videoPort}`;
  if (isLoopbackHost(config.host)) {
    return [
      `Listening on ${config.host} only (${ports}): reachable from this machine alone.`,
      '  To open it to your network: HOST=0.0.0.0 npm start, with CONNECTOR_PUBLIC_URL and VIDEO_PUBLIC_URL set to',
      '  addresses the other devices reach, and SMTP_URL set: the dev mailbox shows every join link to anyone who can open it.',
    ];
  }
  return [
    `Listening on ${config.host} (${ports}): reachable from your network.`,
    `  The dev mailbox shows every join link to anyone who can open it${config.smtpConfigured ? '' : ' (SMTP_URL is not set)'}.`,
    '  Local only again: start without HOST (default 127.0.0.1).',
  ];
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
