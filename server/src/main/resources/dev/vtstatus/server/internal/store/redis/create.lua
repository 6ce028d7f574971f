-- Creates a job with its created event, evicting the jobs that ended first when at the cap.
-- ARGV: prefix, idempotency key ('' for none), body, id, record, trace id, planned end (ms),
--       max jobs, event data, max events, creation sequence number
local p = ARGV[1]
local key, id, trace = ARGV[2], ARGV[4], ARGV[6]
if key ~= '' then
  local existing = redis.call('HMGET', p .. 'idem:' .. key, 'id', 'body')
  if existing[1] then
    return {'existing', existing[1], existing[2]}
  end
end
local evicted = {}
local count = tonumber(redis.call('GET', p .. 'count') or '0')
while count >= tonumber(ARGV[8]) do
  local oldest = redis.call('ZRANGE', p .. 'ended', 0, 0)
  if #oldest == 0 then
    return {'full', count}
  end
  local old = oldest[1]
  local fields = redis.call('HMGET', p .. 'job:' .. old, 'idem', 'trace')
  if fields[1] and fields[1] ~= '' then
    redis.call('DEL', p .. 'idem:' .. fields[1])
  end
  redis.call('DEL', p .. 'job:' .. old, p .. 'webhook:' .. old)
  redis.call('ZREM', p .. 'ended', old)
  redis.call('ZREM', p .. 'jobs', old)
  redis.call('ZREM', p .. 'webhooks', old)
  count = count - 1
  table.insert(evicted, old)
  table.insert(evicted, fields[2] or '')
end
redis.call('SET', p .. 'count', count + 1)
redis.call('HSET', p .. 'job:' .. id, 'rec', ARGV[5], 'trace', trace, 'idem', key)
redis.call('ZADD', p .. 'due', ARGV[7], id)
redis.call('ZADD', p .. 'jobs', ARGV[11], id)
if key ~= '' then
  redis.call('HSET', p .. 'idem:' .. key, 'id', id, 'body', ARGV[3])
end
local eid = redis.call('INCR', p .. 'eventid')
redis.call('XADD', p .. 'events', 'MAXLEN', ARGV[10], eid .. '-0',
  'job', id, 'status', 'pending', 'trace', trace, 'data', ARGV[9])
return {'created', count + 1, evicted}
