// This service's registry and request timing (@partyline/http); the gateway adds its own metrics to it.
import { createServiceMetrics, type ServiceMetrics } from '@partyline/http';

export const createMetrics = (): ServiceMetrics => createServiceMetrics('messages-service');
