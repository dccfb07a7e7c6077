-- wrk script. Given a file after "--" (one path per line), each request takes the next
-- path in turn; without one, wrk requests its URL. Either way it ends by printing one
-- JSON line with throughput, latency percentiles and errors.
local paths = {}
local i = 0

init = function(args)
  if args[1] then
    for line in io.lines(args[1]) do paths[#paths + 1] = line end
    i = math.random(#paths)
  end
end

request = function()
  if #paths == 0 then return wrk.request() end
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, errors))
end
