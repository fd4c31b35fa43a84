// Kafka event contracts: the envelope, every event type per version, one union per topic, topic specs.
export * from './envelope.js';
export * from './user-events.js';
export * from './party-events.js';
export * from './topics.js';
export * from './make-event.js';
