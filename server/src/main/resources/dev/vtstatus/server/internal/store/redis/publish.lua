-- Shared by the scripts that change a job: publishes its event and keeps the stream within its
-- length and its share of the byte budget, counting what it keeps in 'evbytes' and 'bytes'.
-- Each entry carries its cost ('size'), so that trimming it gives its bytes back.
local function publish(p, job, status, trace, owner, data, size, max_events, event_budget)
  local stream = p .. 'events'
  local eid = redis.call('INCR', p .. 'eventid')
  redis.call('XADD', stream, eid .. '-0', 'job', job, 'status', status, 'trace', trace, 'owner', owner,
    'data', data, 'size', size)
  local kept = redis.call('INCRBY', p .. 'evbytes', size)
  local added = tonumber(size)
  local length = redis.call('XLEN', stream)
  -- the newest event is always kept, whatever it costs
  while length > 1 and (length > max_events or kept > event_budget) do
    local oldest = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
    local fields = oldest[2]
    local cost = 0
    for i = 1, #fields - 1, 2 do
      if fields[i] == 'size' then
        cost = tonumber(fields[i + 1])
      end
    end
    redis.call('XDEL', stream, oldest[1])
    kept = kept - cost
    added = added - cost
    length = length - 1
  end
  redis.call('SET', p .. 'evbytes', kept)
  redis.call('INCRBY', p .. 'bytes', added)
  return eid
end

