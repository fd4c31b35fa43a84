import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  KafkaTopicEventVersions,
  KafkaTopicSchemas,
  Topics,
  UserEvent,
  type EventVersions,
  type KafkaTopicName,
} from '@partyline/contracts';
import { describe, expect, it } from 'vitest';

// events-fixtures/<topic>/ holds one fixture per event type and schema version ever published
// (`<Type>.v<N>.json`); `newer-producer/` holds events of versions newer than this code knows, which must
// still be read (additive changes); `refused/` holds events that must go to the DLT.
const fixturesDir = fileURLToPath(new URL('../events-fixtures/', import.meta.url));

type Json = Record<string, unknown> & { type: string; schemaVersion: number; data: Record<string, unknown> };

const fixturesOf = (topic: KafkaTopicName, folder = '') =>
  readdirSync(`${fixturesDir}${topic}/${folder}`)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({
      file,
      json: fixture(topic, `${folder}${file}`),
    }));

const fixture = (topic: KafkaTopicName, path: string) =>
  JSON.parse(readFileSync(`${fixturesDir}${topic}/${path}`, 'utf8')) as Json;

const typesOf = (topic: KafkaTopicName): readonly EventVersions[] => KafkaTopicEventVersions[topic];
const versionsOf = (topic: KafkaTopicName, type: string) => {
  const found = typesOf(topic).find((t) => t.type === type);
  if (!found) throw new Error(`${type} is not a type of ${topic}`);
  return found;
};

describe.each(Object.values(Topics))('fixtures of %s', (topic) => {
  const read = KafkaTopicSchemas[topic];

  it('when a fixture of a known version is read, it parses with its own version and is read as the latest version of its type', () => {
    for (const { file, json } of fixturesOf(topic)) {
      expect(file).toBe(`${json.type}.v${json.schemaVersion}.json`);
      const versions = versionsOf(topic, json.type);
      expect(versions.versions[json.schemaVersion - 1]?.safeParse(json).error, file).toBeUndefined();
      const result = read.safeParse(json);
      expect(result.error, file).toBeUndefined();
      expect(versions.latest.safeParse(result.data).success, file).toBe(true);
      expect(result.data?.schemaVersion, file).toBe(versions.latestVersion);
    }
  });

  it('when a type has a version, a fixture exists for it', () => {
    const expected = typesOf(topic).flatMap((t) => t.versions.map((_, i) => `${t.type}.v${i + 1}.json`));
    expect(
      fixturesOf(topic)
        .map((f) => f.file)
        .sort(),
    ).toEqual(expected.sort());
  });

  it('when a newer producer adds fields under a higher schemaVersion, the event is read as the latest known version without the unknown fields', () => {
    const newer = fixturesOf(topic, 'newer-producer/');
    expect(newer.length).toBeGreaterThan(0);
    for (const { file, json } of newer) {
      const versions = versionsOf(topic, json.type);
      expect(json.schemaVersion, file).toBeGreaterThan(versions.latestVersion);
      const result = read.safeParse(json);
      expect(result.error, file).toBeUndefined();
      const event = result.data as unknown as Json;
      expect(event.schemaVersion).toBe(versions.latestVersion);
      const envelopeKeys = Object.keys(versions.latest.shape);
      const dataKeys = Object.keys((versions.latest.shape.data as unknown as { shape: object }).shape);
      const { schemaVersion: _v, data, ...envelope } = event;
      expect(
        Object.keys(event).every((k) => envelopeKeys.includes(k)),
        file,
      ).toBe(true);
      expect(
        Object.keys(data).every((k) => dataKeys.includes(k)),
        file,
      ).toBe(true);
      for (const [k, v] of Object.entries(envelope)) expect(v, `${file} ${k}`).toEqual(json[k]);
      for (const [k, v] of Object.entries(data)) expect(v, `${file} data.${k}`).toEqual(json.data[k]);
    }
  });

  it('when an event is not a valid known version nor an additive change of the latest, it is refused', () => {
    const refused = fixturesOf(topic, 'refused/');
    expect(refused.length).toBeGreaterThan(0);
    for (const { file, json } of refused) {
      expect(read.safeParse(json).success, file).toBe(false);
    }
  });

  it('when any fixture gains fields in its envelope and its data, they are ignored: no event schema is strict', () => {
    for (const { file, json } of fixturesOf(topic)) {
      const widened = { ...json, addedLater: 1, data: { ...json.data, addedLater: 'x' } };
      const result = read.safeParse(widened);
      expect(result.error, file).toBeUndefined();
      expect(result.data).toEqual(read.parse(json));
    }
  });
});

describe('a newer producer', () => {
  it('when accounts-service v2 sends a UserUpdated with pronouns and a trace header field, consumers see the v1 UserUpdated', () => {
    const json = fixture(Topics.userEvents, 'newer-producer/UserUpdated.v2.json');
    expect(UserEvent.parse(json)).toEqual({
      eventId: '00000000-0000-4000-8000-000000002002',
      type: 'UserUpdated',
      schemaVersion: 1,
      aggregateId: '6b0c3f0e-8f4e-4f59-9d7b-2a5f3c1d9e01',
      aggregateVersion: 4,
      occurredAt: '2026-03-01T09:00:00.000Z',
      producer: 'accounts-service',
      correlationId: 'req-21',
      data: {
        userId: '6b0c3f0e-8f4e-4f59-9d7b-2a5f3c1d9e01',
        username: 'ada',
        displayName: 'Ada Lovelace',
        avatarUrl: null,
        createdAt: '2026-01-15T10:00:00.000Z',
      },
    });
  });

  it('when messages-service v2 renames a PartyUpdated field, the event is refused and the error says why', () => {
    const json = fixture(Topics.partyEvents, 'refused/PartyUpdated.v2.name-renamed-to-title.json');
    const result = KafkaTopicSchemas[Topics.partyEvents].safeParse(json);
    expect(result.error?.issues[0]?.message).toMatch(
      /^PartyUpdated: v2 is newer than v1, the latest known, and is not an additive change of it \(data\.name: /,
    );
  });
});
