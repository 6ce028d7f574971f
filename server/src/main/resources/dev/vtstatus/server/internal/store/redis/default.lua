-- Finds the default job of every replica, or makes it from this replica's record.
-- ARGV: prefix, id, record, trace id, planned end (ms)
local p = ARGV[1]
local current = redis.call('GET', p .. 'default')
if current then
  return current
end
redis.call('HSET', p .. 'job:' .. ARGV[2], 'rec', ARGV[3], 'trace', ARGV[4], 'idem', '')
redis.call('ZADD', p .. 'due', ARGV[5], ARGV[2])
redis.call('ZADD', p .. 'jobs', 0, ARGV[2])
redis.call('SET', p .. 'default', ARGV[2])
return ARGV[2]
