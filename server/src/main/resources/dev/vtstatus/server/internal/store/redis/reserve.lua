-- Before a create: the earlier job of the idempotency key, or the next creation sequence number.
-- ARGV: prefix, scoped idempotency key ('' for none)
local p = ARGV[1]
if ARGV[2] ~= '' then
  local existing = redis.call('HMGET', p .. 'idem:' .. ARGV[2], 'id', 'digest')
  if existing[1] then
    return {'existing', existing[1], existing[2]}
  end
end
return {'seq', redis.call('INCR', p .. 'seq')}
