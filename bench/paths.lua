-- wrk script: each request takes the next path from a file (one per line, the
-- first argument after --), each thread starting at a different line, so ids
-- and query texts vary from request to request. When the run ends it prints
-- one line, "BENCH {json}", with the figures bench/run.py reads (wrk's
-- --latency gives no p95).

local paths = {}
local position = 1
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 7919)
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no paths in " .. args[1])
  end
  position = offset % #paths + 1
end

function request()
  local path = paths[position]
  position = position % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "max_us": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency.max, errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
