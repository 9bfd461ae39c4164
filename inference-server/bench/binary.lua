-- wrk script: POST $BENCH_BODY, a V2 request with the binary tensor extension whose JSON header is
-- $BENCH_HEADER_LENGTH bytes long, to the URL wrk was given.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/octet-stream"
wrk.headers["Inference-Header-Content-Length"] = os.getenv("BENCH_HEADER_LENGTH")
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.body = file:read("*a")
file:close()
