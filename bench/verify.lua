-- wrk script for `bench/run verify`: each request asks for the next code of the file named by
-- CODES (one per line), round robin from a per-thread offset, at the path prefix PREFIX.
-- wrk counts answers other than 2xx/3xx itself ("Non-2xx or 3xx responses").
-- With DELAY_MS set, each connection waits that long after every response: a steady rate of
-- about connections × 1000 / DELAY_MS requests a second, for the latency at a fixed load.
local paths, i = {}, 0

function init(args)
  local prefix = os.getenv("PREFIX") or "/api/v1/public/verify/"
  for line in io.lines(os.getenv("CODES")) do
    if #line > 0 then paths[#paths + 1] = prefix .. line end
  end
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

local delay_ms = tonumber(os.getenv("DELAY_MS") or "")
if delay_ms then
  function delay() return delay_ms end
end
