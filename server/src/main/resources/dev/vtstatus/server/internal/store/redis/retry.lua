-- Puts a webhook delivery back, due later for its next attempt.
-- ARGV: prefix, job id, next attempt, due (ms)
local p = ARGV[1]
if redis.call('EXISTS', p .. 'webhook:' .. ARGV[2]) == 1 then
  redis.call('HSET', p .. 'webhook:' .. ARGV[2], 'attempt', ARGV[3])
  redis.call('ZADD', p .. 'webhooks', ARGV[4], ARGV[2])
end
return 1
