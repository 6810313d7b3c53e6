-- wrk script: POST /api/route with the generated cases in turn (one JSON case per line of the
-- file named by CASES), at a fixed routing time. See BENCHMARKS.md, "referral serve".
--   CASES=/tmp/sb/n10000/cases.jsonl wrk -t2 -c8 -d30s --latency -s Benchmarks/serve-route.lua http://127.0.0.1:8090
local cases = {}
for line in io.lines(os.getenv("CASES")) do
  if #line > 0 then cases[#cases + 1] = line end
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  i = i % #cases + 1
  return wrk.format(nil, "/api/route?at=2026-11-28T14%3A00%3A00%2B02%3A00", nil, cases[i])
end
