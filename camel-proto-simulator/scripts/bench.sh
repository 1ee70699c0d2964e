#!/usr/bin/env bash
# Reproduces the throughput figure of the README: requests/s of list-custom-fields at concurrency 64.
# Needs wrk (apt-get install -y wrk) and a built module (./mvnw -B -pl camel-proto-simulator package -DskipTests).
# Usage: camel-proto-simulator/scripts/bench.sh [duration, default 10s] [connections, default 64]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10s}"
CONNECTIONS="${2:-64}"
PORT="${PORT:-18089}"
JAR="$(ls target/camel-proto-simulator-*-SNAPSHOT.jar target/camel-proto-simulator-*.jar 2>/dev/null | grep -v standalone | head -1)"
[ -n "$JAR" ] || { echo "build the module first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install -y wrk)" >&2; exit 1; }

java ${JAVA_OPTS:-} -jar "$JAR" --port "$PORT" --teamspace BENCH --secret bench-secret ${SIM_ARGS:-} > target/bench-simulator.log 2>&1 &
SIM_PID=$!
trap 'kill $SIM_PID 2>/dev/null; wait $SIM_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf -o /dev/null -H "Authorization: Bearer bench-secret" \
    "http://127.0.0.1:$PORT/api/platform/v1/custom-fields/BENCH/list-custom-fields" && break
  sleep 0.2
done
URL="http://127.0.0.1:$PORT/api/platform/v1/custom-fields/BENCH/list-custom-fields"
echo "warm-up (5s)..."
wrk -t2 -c"$CONNECTIONS" -d5s -H "Authorization: Bearer bench-secret" "$URL" > /dev/null
echo "measurement:"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer bench-secret" "$URL"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the machine skew the figure)"
