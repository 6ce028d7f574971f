-- Decides a job's end once, publishing its terminal event and queueing its webhook in the same step.
-- ARGV: prefix, id, status, at (ISO-8601), error code, error message, event data, max events,
--       webhook target ('' for none), webhook lease end (ms), webhook address
local p = ARGV[1]
local id = ARGV[2]
local job = p .. 'job:' .. id
local fields = redis.call('HMGET', job, 'trace', 'ost')
if not fields[1] then
  return {'gone'}
end
if fields[2] then
  return {'lost'}
end
local eid = redis.call('INCR', p .. 'eventid')
redis.call('HSET', job, 'ost', ARGV[3], 'oat', ARGV[4], 'ocode', ARGV[5], 'omsg', ARGV[6], 'eid', eid)
redis.call('ZREM', p .. 'due', id)
if redis.call('GET', p .. 'default') ~= id then
  redis.call('ZADD', p .. 'ended', eid, id)
end
redis.call('XADD', p .. 'events', 'MAXLEN', ARGV[8], eid .. '-0',
  'job', id, 'status', ARGV[3], 'trace', fields[1], 'data', ARGV[7])
if ARGV[9] ~= '' then
  redis.call('HSET', p .. 'webhook:' .. id, 'target', ARGV[9], 'body', ARGV[7], 'trace', fields[1], 'attempt', 1,
    'addr', ARGV[11])
  redis.call('ZADD', p .. 'webhooks', ARGV[10], id)
end
return {'won', eid}
