#!/usr/bin/env bash
# Command fan-out benchmark: one many-device command (by tag) to N connected devices.
#   bench/command-fanout.sh [DEVICES]     (default 10000; the client side needs `ulimit -n` above that)
source "$(dirname "$0")/common.sh"
DEVICES=${1:-10000}
build
WORK=$(mktemp -d)
HTTP=$(free_port); MQTT=$(free_port)
start_moor "$WORK/moor" "$HTTP" "$MQTT" ${MOOR_BENCH_JAVA_OPTS:--Xmx2g}
MOOR_URL="http://127.0.0.1:$HTTP" MOOR_MQTT_PORT="$MQTT" MOOR_TOKEN="$BENCH_TOKEN" DEVICES="$DEVICES" \
  "$JAVA" -Xmx3g -cp "$CP" bench/command-fanout/CommandFanOut.java
stop_pid "$MOOR_PID"
rm -rf "$WORK"
