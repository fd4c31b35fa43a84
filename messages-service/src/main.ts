// Entry point: parse config once, start everything, stop gracefully on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from './app/config.js';
import { startMessagesService } from './app/start.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const service = await startMessagesService(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.warn(`messages-service: ${signal}, shutting down`);
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('messages-service: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('messages-service: failed to start', error);
  process.exit(1);
});
