// Who is online, across instances, kept in Redis. Each instance counts its sockets per user and keeps a
// heartbeat deadline in a sorted set; a user is online while some live instance counts a socket of theirs.
// An instance that dies stops its heartbeat: readers ignore its counts at once, and the first live instance
// to notice reaps it and reports the users who went offline with it.
import { DEAD_INSTANCES, CHANGE_COUNT, HEARTBEAT, ONLINE_FLAGS, REAP_INSTANCE } from './presence-scripts.js';
import type { RedisClient } from './redis.js';

interface PresenceOptions {
  redis: RedisClient;
  keyPrefix: string;
  instanceId: string;
  /** How often this instance renews its heartbeat and looks for dead instances. */
  heartbeatMs: number;
  /** How long after its last heartbeat an instance counts as dead. */
  instanceTtlMs: number;
  /** Called with the users who went offline because another instance died. */
  onReaped: (userIds: string[]) => void;
  /**
   * Called with this instance's users after its counts were rebuilt: it had been taken for dead (e.g. a
   * long pause) and its users announced offline.
   */
  onRestored: (userIds: string[]) => void;
  onError: (error: unknown) => void;
}

export interface Presence {
  start(): Promise<void>;
  /** Counts a new socket; true when it is the user's first live socket anywhere. */
  connected(userId: string): Promise<boolean>;
  /** Forgets a socket; true when the user has no live socket left anywhere. */
  disconnected(userId: string): Promise<boolean>;
  /** The subset of `userIds` with at least one live socket. */
  online(userIds: readonly string[]): Promise<string[]>;
  /** Stops the heartbeat and removes this instance's counts (a clean shutdown). */
  stop(): Promise<void>;
}

export function createPresence(options: PresenceOptions): Presence {
  const { redis, keyPrefix, instanceId } = options;
  // One hash tag for every presence key: the scripts read several of them (and REAP_INSTANCE user hashes it
  // builds from a prefix), which a Redis Cluster allows only within one slot.
  const tag = `{${keyPrefix}presence}`;
  const instancesKey = `${tag}:instances`;
  const userPrefix = `${tag}:user:`;
  const instanceKey = (id: string) => `${tag}:instance:${id}`;
  // This instance's own counts, to rebuild its entries if it was wrongly reaped (e.g. a long GC pause).
  const local = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> | undefined;

  const heartbeat = async (): Promise<boolean> =>
    Number(
      await redis.eval(HEARTBEAT, {
        keys: [instancesKey],
        arguments: [instanceId, String(options.instanceTtlMs)],
      }),
    ) === 1;

  const reap = async (id: string, force: boolean): Promise<string[]> =>
    (await redis.eval(REAP_INSTANCE, {
      keys: [instancesKey, instanceKey(id)],
      arguments: [id, userPrefix, force ? '1' : '0'],
    })) as string[];

  const restore = async () => {
    const multi = redis.multi().del(instanceKey(instanceId));
    for (const [userId, count] of local) {
      multi.hSet(instanceKey(instanceId), userId, count).hSet(userPrefix + userId, instanceId, count);
    }
    await multi.exec();
  };

  const tick = async () => {
    if (await heartbeat()) {
      await restore();
      if (local.size > 0) options.onRestored([...local.keys()]);
    }
    const dead = (await redis.eval(DEAD_INSTANCES, { keys: [instancesKey] })) as string[];
    for (const id of dead) {
      if (id === instanceId) continue;
      const gone = await reap(id, false);
      if (gone.length > 0) options.onReaped(gone);
    }
  };

  const change = async (userId: string, delta: 1 | -1): Promise<number> => {
    local.set(userId, (local.get(userId) ?? 0) + delta);
    if ((local.get(userId) ?? 0) <= 0) local.delete(userId);
    return Number(
      await redis.eval(CHANGE_COUNT, {
        keys: [instancesKey, userPrefix + userId, instanceKey(instanceId)],
        arguments: [instanceId, userId, String(delta)],
      }),
    );
  };

  return {
    async start() {
      // A restarted instance may reuse its id: whatever it counted before is gone.
      await reap(instanceId, true);
      await heartbeat();
      timer = setInterval(() => {
        if (beating) return;
        beating = tick()
          .catch(options.onError)
          .finally(() => (beating = undefined));
      }, options.heartbeatMs);
      timer.unref();
    },
    async connected(userId) {
      return (await change(userId, 1)) === 1;
    },
    async disconnected(userId) {
      return (await change(userId, -1)) === 0;
    },
    async online(userIds) {
      if (userIds.length === 0) return [];
      const flags = (await redis.eval(ONLINE_FLAGS, {
        keys: [instancesKey, ...userIds.map((id) => userPrefix + id)],
      })) as number[];
      return userIds.filter((_, i) => flags[i] === 1);
    },
    async stop() {
      clearInterval(timer);
      await beating;
      local.clear();
      await reap(instanceId, true);
    },
  };
}
