#!/usr/bin/env bash
# Ingest benchmark: stored QoS 1 messages per second (3 datapoints each) through Moor, and, in the same run, the
# same embedded broker with nothing stored, as the reference ratio.
#   bench/ingest.sh [DEVICES] [MESSAGES_PER_DEVICE]
source "$(dirname "$0")/common.sh"
DEVICES=${1:-100}
MESSAGES=${2:-1000}
build
WORK=$(mktemp -d)
HTTP=$(free_port); MQTT=$(free_port)

start_moor "$WORK/moor" "$HTTP" "$MQTT"
"$JAVA" -cp "$CP" bench/IngestBenchmark.java moor "http://127.0.0.1:$HTTP" "$BENCH_TOKEN" "$MQTT" "$DEVICES" "$MESSAGES" \
  | tee "$WORK/moor.result"
stop_pid "$MOOR_PID"

"$JAVA" -cp "$CP" bench/BareBroker.java "$WORK/moor/broker/conf" "$WORK/bare" > "$WORK/bare.log" 2>&1 &
BARE_PID=$!
for _ in $(seq 1 60); do grep -q "BARE BROKER READY" "$WORK/bare.log" && break; sleep 1; done
"$JAVA" -cp "$CP" bench/IngestBenchmark.java bare - - "$MQTT" "$DEVICES" "$MESSAGES" | tee "$WORK/bare.result"
stop_pid "$BARE_PID"

stored=$(sed -n 's/.*msgPerSec=\([0-9]*\).*/\1/p' "$WORK/moor.result")
bare=$(sed -n 's/.*msgPerSec=\([0-9]*\).*/\1/p' "$WORK/bare.result")
echo "stored: $stored msg/s; broker alone: $bare msg/s; ratio: $(python3 -c "print(round($stored / $bare, 2))")"
rm -rf "$WORK"
