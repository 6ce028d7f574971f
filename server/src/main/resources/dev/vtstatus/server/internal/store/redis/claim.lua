-- Claims the webhook deliveries due now until a lease end.
-- ARGV: prefix, now (ms), lease end (ms), limit
local p = ARGV[1]
local ids = redis.call('ZRANGEBYSCORE', p .. 'webhooks', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[4]))
local out = {}
for _, id in ipairs(ids) do
  local d = redis.call('HMGET', p .. 'webhook:' .. id, 'target', 'body', 'trace', 'attempt', 'addr')
  if d[1] then
    redis.call('ZADD', p .. 'webhooks', ARGV[3], id)
    table.insert(out, {id, d[1], d[2], d[3], d[4], d[5] or ''})
  else
    redis.call('ZREM', p .. 'webhooks', id)
  end
end
return out
