-- Creates a job with its created event. Refuses when the owner holds its share of pending jobs,
-- or when even evicting every ended job would not bring the job count under the cap and the
-- bytes under the budget; otherwise evicts the jobs that ended longest ago until the job fits.
-- ARGV: prefix, scoped idempotency key ('' for none), body digest, id, record, trace id,
--       planned end (ms), max jobs, event data, max events, creation sequence number,
--       owner ('' for none), max pending jobs per owner, job bytes (with its idempotency record),
--       event bytes, byte budget, event byte budget
local p = ARGV[1]
local key, id, trace, owner = ARGV[2], ARGV[4], ARGV[6], ARGV[12]
if key ~= '' then
  local existing = redis.call('HMGET', p .. 'idem:' .. key, 'id', 'digest')
  if existing[1] then
    return {'existing', existing[1], existing[2]}
  end
end
if owner ~= '' then
  local pending = tonumber(redis.call('HGET', p .. 'pending', owner) or '0')
  if pending >= tonumber(ARGV[13]) then
    return {'share', pending}
  end
end
local max_jobs, size, budget = tonumber(ARGV[8]), tonumber(ARGV[14]), tonumber(ARGV[16])
local count = tonumber(redis.call('GET', p .. 'count') or '0')
local bytes = tonumber(redis.call('GET', p .. 'bytes') or '0')
local ended_bytes = tonumber(redis.call('GET', p .. 'endedbytes') or '0')
if count - redis.call('ZCARD', p .. 'ended') >= max_jobs then
  return {'full', 'jobs'}
end
if bytes + size - ended_bytes > budget then
  return {'full', 'bytes'}
end
local evicted = {}
while count >= max_jobs or bytes + size > budget do
  local old = redis.call('ZRANGE', p .. 'ended', 0, 0)[1]
  if not old then
    break
  end
  local fields = redis.call('HMGET', p .. 'job:' .. old, 'idem', 'trace', 'size')
  if fields[1] and fields[1] ~= '' then
    redis.call('DEL', p .. 'idem:' .. fields[1])
  end
  redis.call('DEL', p .. 'job:' .. old, p .. 'webhook:' .. old)
  redis.call('ZREM', p .. 'ended', old)
  redis.call('ZREM', p .. 'jobs', old)
  redis.call('ZREM', p .. 'webhooks', old)
  local freed = tonumber(fields[3] or '0')
  bytes = bytes - freed
  ended_bytes = ended_bytes - freed
  count = count - 1
  table.insert(evicted, old)
  table.insert(evicted, fields[2] or '')
  -- every replica drops the job from its ended-job cache when it reads this
  redis.call('XADD', p .. 'evictions', 'MAXLEN', '~', max_jobs, '*', 'id', old)
end
count = count + 1
redis.call('SET', p .. 'count', count)
redis.call('SET', p .. 'bytes', bytes + size)
redis.call('SET', p .. 'endedbytes', ended_bytes)
redis.call('HSET', p .. 'job:' .. id, 'rec', ARGV[5], 'trace', trace, 'idem', key, 'owner', owner, 'size', size)
redis.call('ZADD', p .. 'due', ARGV[7], id)
redis.call('ZADD', p .. 'jobs', ARGV[11], id)
if key ~= '' then
  redis.call('HSET', p .. 'idem:' .. key, 'id', id, 'digest', ARGV[3])
end
if owner ~= '' then
  redis.call('HINCRBY', p .. 'pending', owner, 1)
end
publish(p, id, 'pending', trace, owner, ARGV[9], ARGV[15], tonumber(ARGV[10]), tonumber(ARGV[17]))
return {'created', count, evicted}
