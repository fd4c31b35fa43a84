// Kafka event contracts: the envelope, every event type per version with its upcasters, one reader per topic, topic specs.
export * from './envelope.js';
export * from './versions.js';
export * from './user-events.js';
export * from './party-events.js';
export * from './topics.js';
export * from './make-event.js';
