/**
 * The Lua scripts behind the Redis store. Each runs atomically on the server, so a read and the
 * write that depends on it cannot interleave with another client's.
 */

/**
 * Compare-and-set. KEYS[1]; ARGV: expectAbsent ('1'|'0'), expected JSON, hasNext ('1'|'0'),
 * next JSON, ttl ms or ''. Replies 1 when it swapped.
 *
 * @example
 * ```ts
 * await client.eval(COMPARE_AND_SET, 1, 'mb:k', '0', '{"v":1}', '1', '{"v":2}', '');
 * ```
 */
export const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
if ARGV[3] == '0' then
  redis.call('DEL', KEYS[1])
elseif ARGV[5] == '' then
  redis.call('SET', KEYS[1], ARGV[4])
else
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
end
return 1
`;

/**
 * Increment. KEYS[1]; ARGV: by, ttl ms or '' (applied only on creation). Replies the new value,
 * or nil when the stored value is not an integer.
 *
 * @example
 * ```ts
 * await client.eval(INCREMENT, 1, 'mb:count', 1, 60_000);
 * ```
 */
export const INCREMENT = `
local current = redis.call('GET', KEYS[1])
if current and not string.match(current, '^%-?%d+$') then return false end
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if not current and ARGV[2] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value
`;

/**
 * Lock release. KEYS[1]; ARGV: owner JSON. Deletes the key only if it still holds the owner's
 * value; replies 1 when it did.
 *
 * @example
 * ```ts
 * await client.eval(RELEASE, 1, 'mb:lock:sync', '{"token":"abc"}');
 * ```
 */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

/**
 * Lock extension. KEYS[1]; ARGV: owner JSON, ttl ms. Extends the key only if it still holds the
 * owner's value; replies 1 when it did.
 *
 * @example
 * ```ts
 * await client.eval(EXTEND, 1, 'mb:lock:sync', '{"token":"abc"}', 30_000);
 * ```
 */
export const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

/**
 * KEYS[1]; ARGV: capacity, refillPerSecond, cost, ttl ms. The arithmetic is computeTake's
 * (src/stores/bucket.ts), line for line, with "now" from the server's TIME so that processes
 * whose clocks disagree still share one budget. Numbers travel as %.17g text because Lua
 * numbers returned to Redis are truncated to integers, and 17 significant digits round-trip a
 * double exactly. The state is the same JSON the generic takeFromBucket keeps. Replies
 * [granted 0|1, tokens, retryAfterMs or 'inf'].
 *
 * @example
 * ```ts
 * const [granted, tokens, retry] = await client.eval(TAKE_FROM_BUCKET, 1, 'mb:rl:x', '10', '5', '1', '4000');
 * ```
 */
export const TAKE_FROM_BUCKET = `
if redis.replicate_commands then redis.replicate_commands() end
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local tokens = capacity
local raw = redis.call('GET', KEYS[1])
if raw then
  local ok, state = pcall(cjson.decode, raw)
  if ok and type(state) == 'table' and type(state.tokens) == 'number' and type(state.at) == 'number' then
    local elapsed = math.max(0, now - state.at)
    tokens = math.min(capacity, state.tokens + (elapsed / 1000) * rate)
  end
end
local granted = 0
local left = tokens
local retry = '0'
if cost <= tokens or cost <= 0 then
  granted = 1
  left = math.min(capacity, tokens - cost)
elseif cost > capacity then
  retry = 'inf'
else
  retry = string.format('%.17g', math.ceil(((cost - tokens) / rate) * 1000))
end
local text = string.format('%.17g', left)
redis.call('SET', KEYS[1], '{"at":' .. string.format('%.17g', now) .. ',"tokens":' .. text .. '}', 'PX', ARGV[4])
return { granted, text, retry }
`;
