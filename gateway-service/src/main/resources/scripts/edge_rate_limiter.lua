-- Spring Cloud Gateway's token bucket (request_rate_limiter.lua, same keys and arithmetic) for up to two buckets in
-- one round trip: the client's, then - only when the client's allowed the request - its address's. A refusal by the
-- address still costs the client its token, as two separate calls did.
-- KEYS: client tokens, client timestamp [, address tokens, address timestamp]
-- ARGV: client rate, capacity, requested [, address rate, capacity, requested]
-- Returns { client allowed (1/0), client tokens left, address allowed (1/0, -1 when not asked), address tokens left }
redis.replicate_commands()

local now = tonumber(redis.call('TIME')[1])

local function take(tokens_key, timestamp_key, rate, capacity, requested)
  local fill_time = capacity / rate
  local ttl = math.floor(fill_time * 2)
  local last_tokens = tonumber(redis.call('get', tokens_key)) or capacity
  local last_refreshed = tonumber(redis.call('get', timestamp_key)) or 0
  local delta = math.max(0, now - last_refreshed)
  local filled_tokens = math.min(capacity, last_tokens + (delta * rate))
  local allowed = filled_tokens >= requested
  local new_tokens = allowed and filled_tokens - requested or filled_tokens
  if ttl > 0 then
    redis.call('setex', tokens_key, ttl, new_tokens)
    redis.call('setex', timestamp_key, ttl, now)
  end
  return allowed, new_tokens
end

local client_allowed, client_tokens = take(KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]))
if not client_allowed or #KEYS < 4 then
  return { client_allowed and 1 or 0, client_tokens, -1, -1 }
end
local address_allowed, address_tokens = take(KEYS[3], KEYS[4], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]))
return { 1, client_tokens, address_allowed and 1 or 0, address_tokens }
