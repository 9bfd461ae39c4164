-- wrk script: POST the V2 request in $BENCH_BODY (one row) to the URL wrk was given.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(os.getenv("BENCH_BODY"), "r"))
wrk.body = file:read("*a")
file:close()
