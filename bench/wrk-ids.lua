-- wrk script for the API bench: each request takes the next id of its thread's share of the ids
-- file (every id once across all threads), fills it into the path and the body, and a thread
-- that runs out of ids stops and says so (the bench then ends wrk with SIGINT, so the rate stays
-- requests over the time actually run).
-- Environment: BENCH_IDS (file, one id a line), BENCH_THREADS (wrk -t), BENCH_METHOD (POST or
-- GET, which sends no body), BENCH_PATH and BENCH_BODY (with {id}), BENCH_TOKEN (bearer token).
-- Prints one line: WRK_JSON {...}.

local threads = {}
local started = 0

function setup(thread)
  thread:set("index", started)
  started = started + 1
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(os.getenv("BENCH_THREADS"))
  ids = {}
  local line_number = 0
  for line in io.lines(os.getenv("BENCH_IDS")) do
    if line_number % count == index then
      ids[#ids + 1] = line
    end
    line_number = line_number + 1
  end
  next_id = 1
  exhausted = false
  method = os.getenv("BENCH_METHOD") or "POST"
  path_template = os.getenv("BENCH_PATH")
  body_template = os.getenv("BENCH_BODY")
  headers = {
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
    ["Content-Type"] = "application/json",
  }
end

function request()
  local id = ids[next_id]
  if id == nil then
    -- The request returned here is written but its answer never read: the loop stops first.
    -- wrk itself runs for its whole -d: the bench ends it (SIGINT) once every thread said so.
    if not exhausted then
      io.write("WRK_OUT_OF_IDS\n")
      io.flush()
    end
    exhausted = true
    wrk.thread:stop()
    id = ids[#ids]
  end
  next_id = next_id + 1
  local path = path_template:gsub("{id}", id)
  if method == "GET" then
    return wrk.format("GET", path, headers)
  end
  local body = body_template:gsub("{id}", id)
  return wrk.format("POST", path, headers, body)
end

function done(summary, latency, requests)
  local stopped = 0
  for _, thread in ipairs(threads) do
    if thread:get("exhausted") then
      stopped = stopped + 1
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"durationUs":%d,"non2xx":%d,"connectErrors":%d,' ..
    '"readErrors":%d,"writeErrors":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,' ..
    '"threadsOutOfIds":%d}\n',
    summary.requests, summary.duration, errors.status, errors.connect, errors.read,
    errors.write, errors.timeout, math.floor(latency:percentile(50)),
    math.floor(latency:percentile(99)), latency.max, stopped))
end
