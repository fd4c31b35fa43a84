import { defineEvent, eventVersions, readEvents, z } from '@partyline/contracts';
import { describe, expect, it } from 'vitest';

// A made-up event type that already went through two changes, to show the upcaster chain at work
// (every real type is at v1 today).
const GreetedV1 = defineEvent('Greeted', 1, z.object({ name: z.string().min(1) }));
const GreetedV2 = defineEvent('Greeted', 2, z.object({ firstName: z.string(), lastName: z.string() }));
const GreetedV3 = defineEvent(
  'Greeted',
  3,
  z.object({ firstName: z.string(), lastName: z.string(), nickname: z.string().nullable() }),
);
const WavedV1 = defineEvent('Waved', 1, z.object({ hand: z.enum(['left', 'right']) }));

const Greeted = eventVersions(GreetedV1)
  .then(GreetedV2, ({ data }) => {
    const [firstName = '', ...rest] = data.name.split(' ');
    return { firstName, lastName: rest.join(' ') };
  })
  .then(GreetedV3, ({ data }) => ({ ...data, nickname: null }));
const Example = readEvents([Greeted, eventVersions(WavedV1)]);

const envelope = {
  eventId: '00000000-0000-4000-8000-00000000a001',
  aggregateId: 'g-1',
  aggregateVersion: 7,
  occurredAt: '2026-01-01T00:00:00.000Z',
  producer: 'greeter',
  correlationId: 'c-1',
};
const v3 = {
  ...envelope,
  type: 'Greeted',
  schemaVersion: 3,
  data: { firstName: 'Ada', lastName: 'King Lovelace', nickname: null },
};

describe('reading an event type with several versions', () => {
  it('when a v1 event is read, it is upcast through v2 to v3 and keeps its envelope', () => {
    const v1 = { ...envelope, type: 'Greeted', schemaVersion: 1, data: { name: 'Ada King Lovelace' } };
    expect(Example.parse(v1)).toEqual(v3);
  });

  it('when a v2 event is read, only the v2 -> v3 upcaster runs', () => {
    const v2 = { ...v3, schemaVersion: 2, data: { firstName: 'Ada', lastName: 'King Lovelace' } };
    expect(Example.parse(v2)).toEqual(v3);
  });

  it('when a v3 event is read, it is returned as it is', () => {
    expect(Example.parse(v3)).toEqual(v3);
  });

  it('when a v4 event only adds fields, it is read as v3 and the new fields are dropped', () => {
    const v4 = { ...v3, schemaVersion: 4, spanId: 's', data: { ...v3.data, title: 'Countess' } };
    expect(Example.parse(v4)).toEqual(v3);
  });

  it('when a v4 event removed a field of v3, it is refused and the error names the change', () => {
    const v4 = { ...v3, schemaVersion: 4, data: { firstName: 'Ada', lastName: 'Lovelace' } };
    const result = Example.safeParse(v4);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(
        /^Greeted: v4 is newer than v3, the latest known, and is not an additive change of it \(data\.nickname: /,
      ),
    ]);
  });

  it('when an old version is invalid for its own schema, it is refused before any upcaster runs', () => {
    const bad = { ...envelope, type: 'Greeted', schemaVersion: 1, data: { name: '' } };
    expect(Example.safeParse(bad).error?.issues[0]?.message).toMatch(/^Greeted: invalid v1 \(data\.name: /);
  });

  it('when an upcaster makes an event its next version refuses, the event is refused', () => {
    const Broken = readEvents([
      eventVersions(GreetedV1).then(GreetedV2, () => ({ firstName: 'Ada' }) as never),
    ]);
    const v1 = { ...envelope, type: 'Greeted', schemaVersion: 1, data: { name: 'Ada' } };
    expect(Broken.safeParse(v1).error?.issues[0]?.message).toMatch(
      /^Greeted: the upcaster v1 -> v2 made an invalid event \(data\.lastName: /,
    );
  });

  it('when the type is unknown or the version is not a positive integer, the event is refused', () => {
    for (const bad of [
      { ...v3, type: 'Shrugged' },
      { ...v3, schemaVersion: 0 },
      { ...v3, schemaVersion: 2.5 },
      { ...v3, schemaVersion: '3' },
      null,
      'Greeted',
    ]) {
      expect(Example.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('when another type of the topic is read, its own versions apply', () => {
    const waved = { ...envelope, type: 'Waved', schemaVersion: 2, data: { hand: 'left', speed: 3 } };
    expect(Example.parse(waved)).toEqual({ ...waved, schemaVersion: 1, data: { hand: 'left' } });
  });
});

describe('declaring versions', () => {
  it('when the versions skip one, start past v1 or mix types, the declaration throws', () => {
    expect(() => eventVersions(GreetedV2)).toThrow('the first version must be v1');
    expect(() => eventVersions(GreetedV1).then(GreetedV3, () => v3.data)).toThrow(
      'the version after Greeted v1 must be Greeted v2, not Greeted v3',
    );
    const WavedV2 = defineEvent('Waved', 2, z.object({ hand: z.string() }));
    expect(() => eventVersions(GreetedV1).then(WavedV2, () => ({ hand: 'left' }))).toThrow(
      'must be Greeted v2, not Waved v2',
    );
  });

  it('when a type has versions, the latest one is what handlers get', () => {
    expect(Greeted.latestVersion).toBe(3);
    expect(Greeted.latest).toBe(GreetedV3);
    expect(Greeted.versions).toEqual([GreetedV1, GreetedV2, GreetedV3]);
  });
});
