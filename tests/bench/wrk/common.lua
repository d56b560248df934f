-- Shared by the wrk scripts of tests/bench/load.sh: the bearer token comes from the environment (LOAD_TOKEN),
-- never from the command line; the baseline ignores it. Non-2xx answers are counted and printed at the end.
local token = os.getenv("LOAD_TOKEN") or ""
headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
-- LOAD_ENVIRONMENT=Production: requests arrive as the reverse proxy forwards them.
if os.getenv("LOAD_FORWARDED") == "1" then
  headers["Host"] = "localhost"
  headers["X-Forwarded-Proto"] = "https"
end
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  bad = 0
  seq = 0
  math.randomseed(id * 7919 + os.time())
end
function response(status, hdrs, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("bad") end
  io.write(string.format("NON2XX %d\n", total))
end
-- Invented names (not real people): syllables joined at random, so every intake is a new person.
local syl = { "ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "pe", "zo", "ne", "bu", "ri", "ga", "lu" }
function name(parts)
  local s = ""
  for _ = 1, parts do s = s .. syl[math.random(#syl)] end
  return s:sub(1, 1):upper() .. s:sub(2)
end
