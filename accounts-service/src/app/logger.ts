// The service's pino logger: JSON lines tagged with the service (and instance), secrets redacted.
import { pino } from 'pino';
import type { Logger } from 'pino';

import type { Config } from './config.js';

export const createLogger = (config: Config): Logger =>
  pino({
    level: config.logLevel,
    base: { service: 'accounts-service', ...(config.instanceId ? { instance: config.instanceId } : {}) },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  });
