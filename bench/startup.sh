#!/usr/bin/env bash
# Start-up of each app alone, from its jar as built and as ./caravan starts it (extracted, with its class-data-
# sharing archive), alternating, against one local stack of its own (ports 55432/29092 as bench/run.sh, so not
# while a benchmark runs). Prints, per start: app, way, ms from process start to /actuator/health 200, and the CPU
# seconds the JVM used until then. The databases are created and migrated by a first start that is not counted.
#
#   bench/startup.sh [rounds]      (default 3; builds the apps if their jars are missing)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ROUNDS=${1:-3}
PG_PORT=${BENCH_PG_PORT:-55432} KAFKA_PORT=${BENCH_KAFKA_PORT:-29092} PORT=${BENCH_STARTUP_PORT:-18090}
TOKEN=startup-service-token
OPTS=$(./caravan jvm-options) # the apps' JVM options as ./caravan starts them
WORK=$ROOT/.caravan/startup
rm -rf "$WORK" && mkdir -p "$WORK/logs"

for app in user catalog order; do
  [[ -f $app-app/target/$app-app-exec.jar ]] || { ./mvnw -B -q -DskipTests package; break; }
done
[[ -f local-stack/target/local-stack-exec.jar ]] || ./mvnw -B -q -DskipTests package

CARAVAN_DATA_DIR=$WORK/data CARAVAN_PG_PORT=$PG_PORT CARAVAN_KAFKA_PORT=$KAFKA_PORT \
  CARAVAN_STACK_READY_FILE=$WORK/stack.env java -jar local-stack/target/local-stack-exec.jar > "$WORK/logs/stack.log" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 240); do [[ -s $WORK/stack.env ]] && break; sleep 0.5; done
[[ -s $WORK/stack.env ]] || { echo "the local stack did not get ready, see $WORK/logs/stack.log" >&2; exit 1; }
export CARAVAN_DB_URL="jdbc:postgresql://localhost:$PG_PORT" KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT"
export CARAVAN_SERVICE_TOKEN=$TOKEN

# the archives as ./caravan makes them (only where a build made them stale)
CARAVAN_LOG_DIR=$WORK/logs CARAVAN_JAVA_OPTS="$OPTS" ./caravan cds

start() { # app way(jar|cds) -> app, way, ms, CPU s
  local app=$1 way=$2 jar=$1-app/target/$1-app-exec.jar cds=() t0 pid ms=-1
  if [[ $way == cds ]]; then
    cds=("-XX:SharedArchiveFile=$app-app/target/cds/$app-app.jsa")
    jar=$app-app/target/cds/$app-app-exec.jar
  fi
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  env USER_APP_PORT=$PORT CATALOG_APP_PORT=$PORT ORDER_APP_PORT=$PORT MALLOC_ARENA_MAX=2 \
    java $OPTS "${cds[@]}" -jar "$jar" >> "$WORK/logs/$app-$way.log" 2>&1 &
  pid=$!
  for _ in $(seq 1200); do
    if curl -sf -o /dev/null "http://localhost:$PORT/actuator/health"; then ms=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
    kill -0 $pid 2>/dev/null || break
    sleep 0.05
  done
  printf '%s\t%s\t%s\t%s\n' "$app" "$way" "$ms" "$(awk '{printf "%.2f", ($14 + $15) / 100}' /proc/$pid/stat 2>/dev/null)"
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
}

for app in user catalog order; do start "$app" jar > /dev/null; done
printf 'app\tway\tready_ms\tcpu_s\n'
for ((r = 1; r <= ROUNDS; r++)); do
  for app in user catalog order; do
    if ((r % 2)); then start "$app" jar; start "$app" cds; else start "$app" cds; start "$app" jar; fi
  done
done
