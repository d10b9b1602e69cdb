/**
 * `node connector/src/main.ts`: load the configuration from the environment, start, stop cleanly on
 * SIGINT/SIGTERM. A configuration error prints `Configuration error: <KEY>: <problem>` and exits 1.
 */
import { Connector } from './app.ts';
import { loadConfig, type ConnectorConfig } from './config.ts';
import { ConfigError } from './errors.ts';

let config: ConnectorConfig;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`Configuration error: ${err.message}`);
  process.exit(1);
}

const connector = await Connector.create(config);
await connector.listen();

const shutdown = (signal: string) => {
  connector.log.info({ signal }, 'shutting down');
  connector.close().then(
    () => process.exit(0),
    (err: unknown) => {
      connector.log.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
