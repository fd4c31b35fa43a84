// Lua scripts of the presence store. They run atomically in Redis and read the clock with TIME, so
// instances never compare their own (possibly skewed) clocks.
//
// Keys: KEYS[1] `instances` sorted set (instance id → heartbeat deadline in ms),
//       KEYS[2] `user:<id>` hash (instance id → socket count), KEYS[3] `instance:<id>` hash (user id → count).

const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// Sums a user's sockets over the instances whose heartbeat is still alive.
const LIVE_TOTAL = `
local function live_total(instances, user_key, now)
  local fields = redis.call('HGETALL', user_key)
  local total = 0
  for i = 1, #fields, 2 do
    local deadline = redis.call('ZSCORE', instances, fields[i])
    if deadline and tonumber(deadline) > now then total = total + tonumber(fields[i + 1]) end
  end
  return total
end`;

/** ARGV: instance id, user id, delta (+1 / -1). Returns the user's live socket count afterwards. */
export const CHANGE_COUNT = `${LIVE_TOTAL}
${NOW}
local n = redis.call('HINCRBY', KEYS[2], ARGV[1], ARGV[3])
if n <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
local m = redis.call('HINCRBY', KEYS[3], ARGV[2], ARGV[3])
if m <= 0 then redis.call('HDEL', KEYS[3], ARGV[2]) end
return live_total(KEYS[1], KEYS[2], now)`;

/** KEYS[1] instances, KEYS[2..] user hashes. Returns 1/0 per user: has at least one live socket. */
export const ONLINE_FLAGS = `${LIVE_TOTAL}
${NOW}
local flags = {}
for i = 2, #KEYS do
  flags[i - 1] = live_total(KEYS[1], KEYS[i], now) > 0 and 1 or 0
end
return flags`;

/** ARGV: instance id, ttl ms. Returns 1 when the instance was not registered (new, or reaped meanwhile). */
export const HEARTBEAT = `${NOW}
return redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])`;

/** Returns the ids of instances whose heartbeat deadline has passed. */
export const DEAD_INSTANCES = `${NOW}
return redis.call('ZRANGE', KEYS[1], '-inf', now, 'BYSCORE')`;

/**
 * Claims a dead instance and forgets its sockets: KEYS[1] instances, KEYS[2] its `instance:<id>` hash,
 * ARGV[1] its id, ARGV[2] the user-hash key prefix. `force` = ARGV[3] ('1' skips the liveness check, for
 * an instance reusing its id at start). Returns the users that had sockets there and now have none.
 */
export const REAP_INSTANCE = `${LIVE_TOTAL}
${NOW}
if ARGV[3] ~= '1' then
  local deadline = redis.call('ZSCORE', KEYS[1], ARGV[1])
  if deadline and tonumber(deadline) > now then return {} end
end
redis.call('ZREM', KEYS[1], ARGV[1])
local users = redis.call('HKEYS', KEYS[2])
redis.call('DEL', KEYS[2])
local gone = {}
for _, user in ipairs(users) do
  local user_key = ARGV[2] .. user
  redis.call('HDEL', user_key, ARGV[1])
  if live_total(KEYS[1], user_key, now) == 0 then table.insert(gone, user) end
end
return gone`;
