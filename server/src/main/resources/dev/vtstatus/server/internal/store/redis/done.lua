-- Forgets a webhook delivery that was made or given up on.
-- ARGV: prefix, job id
redis.call('DEL', ARGV[1] .. 'webhook:' .. ARGV[2])
redis.call('ZREM', ARGV[1] .. 'webhooks', ARGV[2])
return 1
