#!/usr/bin/env bash
# Connections benchmark: Moor's memory per idle device connection.
#   bench/connections.sh [CONNECTIONS]     (default 10000; the client side needs `ulimit -n` above that)
source "$(dirname "$0")/common.sh"
CONNECTIONS=${1:-10000}
build
WORK=$(mktemp -d)
HTTP=$(free_port); MQTT=$(free_port)
start_moor "$WORK/moor" "$HTTP" "$MQTT" ${MOOR_BENCH_JAVA_OPTS:--Xmx2g}
"$JAVA" -Xmx3g -cp "$CP" bench/ConnectionsBenchmark.java "http://127.0.0.1:$HTTP" "$BENCH_TOKEN" "$MQTT" "$CONNECTIONS" "$MOOR_PID"
stop_pid "$MOOR_PID"
rm -rf "$WORK"
