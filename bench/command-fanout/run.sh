#!/usr/bin/env sh
# Times one many-device command to $DEVICES (default 10000) connected simulated devices of a running Moor.
# Needs MOOR_TOKEN (an API token with every device permission); see CommandFanOut.java for the other settings.
set -eu
cd "$(dirname "$0")/../.."
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -cp "$(cat target/bench-classpath.txt)" bench/command-fanout/CommandFanOut.java
