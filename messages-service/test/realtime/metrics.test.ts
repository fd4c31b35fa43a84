// Operators see the gateway in Prometheus: connected sockets and event handling by outcome.
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createParty, createWorld, type Gateway, type World } from './support/world.js';
import { request } from './support/wait.js';

describe('realtime metrics', () => {
  let world: World;
  let gateway: Gateway;
  const registry = new Registry();

  beforeAll(async () => {
    world = await createWorld();
    gateway = await world.startGateway();
    gateway.realtime.registerMetrics(registry);
  });
  afterAll(() => world.close());

  it('when clients connect and send, the registry shows the sockets and the events by outcome', async () => {
    const alice = world.user('alice');
    const { topic } = await createParty(gateway.services, alice);
    const client = await world.connectAs(gateway, alice);
    await world.connectAs(gateway, alice);
    await request(client, 'message:send', { topicId: topic.id, body: 'hi', nonce: 'nonce-metrics-1' });
    await request(client, 'message:send', { topicId: topic.id, body: '', nonce: 'nonce-metrics-2' });

    const text = await registry.metrics();

    expect(text).toContain('realtime_connected_sockets 2');
    expect(text).toMatch(/realtime_event_duration_seconds_count\{event="message:send",outcome="ok"\} 1/);
    expect(text).toMatch(
      /realtime_event_duration_seconds_count\{event="message:send",outcome="REQUEST.INVALID"\} 1/,
    );
  });
});
