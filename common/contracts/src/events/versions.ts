import { z } from '../common.js';

/** The schema of one event type at one schema version, as `defineEvent` builds it. */
export type EventVersionSchema = z.ZodObject<{
  type: z.ZodLiteral<string>;
  schemaVersion: z.ZodLiteral<number>;
  data: z.ZodType;
}>;

type Event<S extends EventVersionSchema> = z.output<S>;

/** Turns an event of one version into the `data` of the next version (the envelope is carried over). */
export type Upcaster<From extends EventVersionSchema, To extends EventVersionSchema> = (
  event: Event<From>,
) => z.input<To>['data'];

/**
 * The versions of one event type, oldest first (v1, v2, …, one step apart), with an upcaster from each
 * version to the next. Handlers only ever see `latest`.
 */
export interface EventVersions<Latest extends EventVersionSchema = EventVersionSchema> {
  readonly type: Event<Latest>['type'];
  readonly versions: readonly EventVersionSchema[];
  readonly latest: Latest;
  readonly latestVersion: Event<Latest>['schemaVersion'];
  /** Adds the next version and the upcaster from the current latest to it. */
  then<Next extends EventVersionSchema>(next: Next, upcast: Upcaster<Latest, Next>): EventVersions<Next>;
  /**
   * Brings an envelope of this type to the latest version (see `readEvents` for the rule). Reports a
   * deterministic failure on `ctx` and returns `z.NEVER` when it cannot.
   */
  toLatest(input: { schemaVersion?: unknown }, ctx: z.RefinementCtx): unknown;
}

const typeOf = (schema: EventVersionSchema) => schema.shape.type.value;
const versionOf = (schema: EventVersionSchema) => schema.shape.schemaVersion.value;

const summary = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');

function chain(
  versions: readonly EventVersionSchema[],
  upcasters: readonly ((event: never) => unknown)[],
): EventVersions {
  const latest = versions[versions.length - 1]!;
  const type = typeOf(latest);
  const latestVersion = versionOf(latest);
  const refuse = (ctx: z.RefinementCtx, input: unknown, message: string) => {
    ctx.addIssue({ code: 'custom', message: `${type}: ${message}`, input });
    return z.NEVER;
  };

  return {
    type,
    versions,
    latest,
    latestVersion,
    then(next, upcast) {
      if (typeOf(next) !== type || versionOf(next) !== latestVersion + 1) {
        throw new Error(
          `the version after ${type} v${latestVersion} must be ${type} v${latestVersion + 1}, not ${typeOf(next)} v${versionOf(next)}`,
        );
      }
      return chain([...versions, next], [...upcasters, upcast as (event: never) => unknown]) as never;
    },
    toLatest(input, ctx) {
      const version = input.schemaVersion;
      // Not a positive integer, or already the latest: the latest schema itself accepts or refuses it.
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return input;
      if (version === latestVersion) return input;
      if (version > latestVersion) {
        // A newer producer: accepted only if it is an additive change of the latest version we know.
        const asLatest = latest.safeParse({ ...input, schemaVersion: latestVersion });
        if (asLatest.success) return asLatest.data;
        return refuse(
          ctx,
          input,
          `v${version} is newer than v${latestVersion}, the latest known, and is not an additive change of it (${summary(asLatest.error)})`,
        );
      }
      const parsed = versions[version - 1]!.safeParse(input);
      if (!parsed.success) return refuse(ctx, input, `invalid v${version} (${summary(parsed.error)})`);
      let event: { schemaVersion: number } = parsed.data;
      for (let v = version; v < latestVersion; v++) {
        const data = upcasters[v - 1]!(event as never);
        const next = versions[v]!.safeParse({ ...event, schemaVersion: v + 1, data });
        if (!next.success) {
          return refuse(
            ctx,
            input,
            `the upcaster v${v} -> v${v + 1} made an invalid event (${summary(next.error)})`,
          );
        }
        event = next.data;
      }
      return event;
    },
  };
}

/** Starts the version list of an event type with its v1: `eventVersions(UserUpdatedV1).then(UserUpdatedV2, up)`. */
export function eventVersions<V1 extends EventVersionSchema>(v1: V1): EventVersions<V1> {
  if (versionOf(v1) !== 1)
    throw new Error(`${typeOf(v1)}: the first version must be v1, not v${versionOf(v1)}`);
  return chain([v1], []) as unknown as EventVersions<V1>;
}

type LatestSchemas<C extends readonly EventVersions[]> = { [K in keyof C]: C[K]['latest'] };

/**
 * The schema a consumer reads a topic with: every event type of the topic, any version of it, parsed
 * to the latest version of its type (so `z.infer` is the union of the latest versions). For an event of
 * a known type with `schemaVersion`:
 * - equal to the latest known version: parsed with it;
 * - an older known version: parsed with that version, then upcast one version at a time to the latest;
 * - newer than any known version: parsed with the latest known schema (an additive change; unknown
 *   fields are dropped) and read as that version, or refused if it does not parse;
 * - anything else (unknown type, version below 1): refused.
 * A refusal is a parse failure, which the consumer runner sends to the DLT.
 */
export function readEvents<const C extends readonly [EventVersions, ...EventVersions[]]>(types: C) {
  const byType = new Map<unknown, EventVersions>(types.map((t) => [t.type, t]));
  const latest = z.discriminatedUnion('type', types.map((t) => t.latest) as unknown as LatestSchemas<C>);
  return z.preprocess((input, ctx) => {
    if (typeof input !== 'object' || input === null) return input;
    const versions = byType.get((input as { type?: unknown }).type);
    return versions ? versions.toLatest(input, ctx) : input;
  }, latest);
}
