/**
 * `npm run start:video`: configuration from the environment → create → listen → close on SIGINT/SIGTERM.
 */
import { ConfigError, loadConfig } from './config.ts';
import { VideoService } from './app.ts';
import { errorFields } from './log.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const service = await VideoService.create(config);
  const url = await service.listen();
  service.log.info(
    { listening: url, publicUrl: config.publicUrl, media: service.media },
    'main() | video service ready',
  );
  const stop = (signal: string) => {
    service.log.info({ signal }, 'main() | stopping');
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        service.log.error({ err: errorFields(error) }, 'main() | stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('video-service failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
