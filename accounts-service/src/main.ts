// Entry point: parse the config (or stop, listing what is wrong), start everything, shut down on SIGTERM.
import { ConfigError, loadConfig } from './app/config.js';
import { startAccountsService } from './app/start.js';
import type { RunningService } from './app/start.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`accounts-service: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  // Filled once started; the consumer can only fail after that, but a holder keeps that assumption safe.
  const started: { service?: RunningService } = {};
  const service = await startAccountsService(config, {
    onFatal: (err) => {
      process.stderr.write(`accounts-service: party-events consumer stopped for good: ${String(err)}\n`);
      void (started.service?.close() ?? Promise.resolve()).finally(() => process.exit(1));
    },
  });
  started.service = service;

  const shutdown = (signal: string) => {
    service.logger.info({ signal }, 'shutting down');
    // A store that is already gone can leave a close hanging; the orchestrator must not wait forever.
    setTimeout(() => {
      service.logger.error('shutdown took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000).unref();
    service.close().then(
      () => process.exit(0),
      (err: unknown) => {
        service.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `accounts-service failed to start: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
