-- Forgets every job but the default one, with their keys, deliveries, shares and bytes; returns
-- the ids forgotten. The kept events stay, and so does what they cost.
-- ARGV: prefix
local p = ARGV[1]
local standing = redis.call('GET', p .. 'default')
local forgotten = {}
for _, id in ipairs(redis.call('ZRANGE', p .. 'jobs', 0, -1)) do
  if id ~= standing then
    local key = redis.call('HGET', p .. 'job:' .. id, 'idem')
    if key and key ~= '' then
      redis.call('DEL', p .. 'idem:' .. key)
    end
    redis.call('DEL', p .. 'job:' .. id, p .. 'webhook:' .. id)
    for _, set in ipairs({'jobs', 'due', 'ended', 'webhooks'}) do
      redis.call('ZREM', p .. set, id)
    end
    table.insert(forgotten, id)
  end
end
redis.call('SET', p .. 'count', 0)
redis.call('SET', p .. 'endedbytes', 0)
redis.call('SET', p .. 'bytes', redis.call('GET', p .. 'evbytes') or 0)
redis.call('DEL', p .. 'pending')
return forgotten
