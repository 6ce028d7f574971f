-- Decides a job's end once, publishing its terminal event and queueing its webhook in the same step.
-- The job becomes a candidate for eviction, and no longer counts in its owner's pending share.
-- ARGV: prefix, id, status, at (ISO-8601), error code, error message, event data, max events,
--       webhook target ('' for none), webhook lease end (ms), webhook address, event bytes,
--       event byte budget
local p = ARGV[1]
local id = ARGV[2]
local job = p .. 'job:' .. id
local fields = redis.call('HMGET', job, 'trace', 'ost', 'owner', 'size')
if not fields[1] then
  return {'gone'}
end
if fields[2] then
  return {'lost'}
end
local owner = fields[3] or ''
local eid = publish(p, id, ARGV[3], fields[1], owner, ARGV[7], ARGV[12], tonumber(ARGV[8]), tonumber(ARGV[13]))
redis.call('HSET', job, 'ost', ARGV[3], 'oat', ARGV[4], 'ocode', ARGV[5], 'omsg', ARGV[6], 'eid', eid)
redis.call('ZREM', p .. 'due', id)
if redis.call('GET', p .. 'default') ~= id then
  redis.call('ZADD', p .. 'ended', eid, id)
  redis.call('INCRBY', p .. 'endedbytes', tonumber(fields[4] or '0'))
  if owner ~= '' and redis.call('HINCRBY', p .. 'pending', owner, -1) <= 0 then
    redis.call('HDEL', p .. 'pending', owner)
  end
end
if ARGV[9] ~= '' then
  redis.call('HSET', p .. 'webhook:' .. id, 'target', ARGV[9], 'body', ARGV[7], 'trace', fields[1], 'attempt', 1,
    'addr', ARGV[11])
  redis.call('ZADD', p .. 'webhooks', ARGV[10], id)
end
return {'won', eid}
