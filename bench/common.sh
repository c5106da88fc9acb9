# Shared by the benchmark scripts: build Moor, start and stop it as its own process.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${JAVA_HOME:?set JAVA_HOME to a JDK 22 or newer (the benchmarks are multi-file source programs)}"
JAVA="$JAVA_HOME/bin/java"
BENCH_TOKEN=moor_bench_admin_token_0123456789abcdefghijklmno

build() {
  ./mvnw -B -q -DskipTests package
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  CP="target/classes:$(cat target/bench-classpath.txt)"
}

# start_moor DATA_DIR HTTP_PORT MQTT_PORT [extra java options]: starts Moor in the background, sets MOOR_PID.
start_moor() {
  local data=$1 http=$2 mqtt=$3; shift 3
  MOOR_DATA_DIR="$data" MOOR_HTTP_PORT="$http" MOOR_MQTT_PORT="$mqtt" MOOR_MQTTS_PORT=0 \
  MOOR_BOOTSTRAP_TOKEN="$BENCH_TOKEN" MOOR_API_RATE_LIMIT_REQUESTS=1000000 \
  MOOR_MQTT_CONNECT_RATE=1000000 MOOR_MQTT_DEVICE_RATE=1000000 MOOR_MQTT_DEVICE_BURST=1000000 \
    "$JAVA" "$@" -jar target/moor.jar > "$data.log" 2>&1 &
  MOOR_PID=$!
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$http/actuator/health" >/dev/null && return 0
    sleep 1
  done
  echo "Moor did not start; see $data.log" >&2
  return 1
}

stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
