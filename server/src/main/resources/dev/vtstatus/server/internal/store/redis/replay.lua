-- At most a page of the events after an id, or 'too old' with the oldest id kept.
-- ARGV: prefix, the last id the client saw, the most events to return
local p = ARGV[1]
local last = tonumber(redis.call('GET', p .. 'eventid') or '0')
local oldest = last + 1
local first = redis.call('XRANGE', p .. 'events', '-', '+', 'COUNT', 1)
if #first > 0 then
  oldest = tonumber(string.match(first[1][1], '^(%d+)'))
end
local from = tonumber(ARGV[2])
if from < 0 or from > last or from < oldest - 1 then
  return {last, oldest, 1, {}}
end
return {last, oldest, 0, redis.call('XRANGE', p .. 'events', (from + 1) .. '-0', '+', 'COUNT', tonumber(ARGV[3]))}
