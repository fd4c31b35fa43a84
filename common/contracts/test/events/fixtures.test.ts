import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KafkaTopicSchemas, Topics, type KafkaTopicName } from '@partyline/contracts';
import { describe, expect, it } from 'vitest';

// Every event type and schema version ever published keeps a fixture; the current contracts must parse
// them all, so a change that would break a consumer reading old messages fails here.
const fixturesDir = fileURLToPath(new URL('../events-fixtures/', import.meta.url));

const fixturesOf = (topic: KafkaTopicName) =>
  readdirSync(`${fixturesDir}${topic}`)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({
      file,
      json: JSON.parse(readFileSync(`${fixturesDir}${topic}/${file}`, 'utf8')) as unknown,
    }));

const versionsOf = (topic: KafkaTopicName) =>
  KafkaTopicSchemas[topic].options.map((o) => `${o.shape.type.value}.v${o.shape.schemaVersion.value}.json`);

describe.each(Object.values(Topics))('fixtures of %s', (topic) => {
  it('when every fixture is parsed with the topic union, each parses with its own type and version', () => {
    for (const { file, json } of fixturesOf(topic)) {
      const result = KafkaTopicSchemas[topic].safeParse(json);
      expect(result.error, file).toBeUndefined();
      expect(`${result.data?.type}.v${result.data?.schemaVersion}.json`).toBe(file);
    }
  });

  it('when the union has an event type or version, a fixture exists for it', () => {
    const files = fixturesOf(topic).map((f) => f.file);
    expect(files.sort()).toEqual(versionsOf(topic).sort());
  });
});
