-- wrk's done() hook for bench/bench_http.sh: one machine-readable line per run, so the shell
-- does not have to parse wrk's human report (whose units change between us, ms and s).
--   WRK_RESULT requests=N duration_s=S rps=R p50_ms=A p99_ms=B max_ms=C status_errors=E socket_errors=F bytes=G
-- status_errors are answers with a status above 399 (wrk's own definition: so every answer
-- that is not 1xx/2xx/3xx); socket_errors are connect, read, write errors and timeouts.

done = function(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local rps = 0
  if seconds > 0 then rps = summary.requests / seconds end
  io.write(string.format(
    "WRK_RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "status_errors=%d socket_errors=%d bytes=%d\n",
    summary.requests, seconds, rps,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, summary.bytes))
end
