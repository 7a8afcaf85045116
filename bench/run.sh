#!/usr/bin/env bash
# Caravan benchmark: builds, starts the system on its embedded defaults (or targets a running one), runs the
# JDBC reference, loads data through the API, drives it with Gatling at rising concurrency, runs the hot-product
# scenarios, checks for oversell and writes bench/results/<timestamp>/REPORT.md. See bench/README.md.
#
#   bench/run.sh            the full run (about 10 minutes on 2 cores)
#   bench/run.sh --quick    a smoke run of the whole pipeline (about 4 minutes, small numbers)
#
# Every knob is an environment variable (defaults below); to target a running system set BENCH_USER_URL,
# BENCH_CATALOG_URL, BENCH_ORDER_URL and BENCH_PG_URL (server part of its JDBC URL) - nothing is started then.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
if [[ "${1:-}" == "--quick" ]]; then
  : "${BENCH_LEVELS:=1,4}" "${BENCH_DURATION:=5}" "${BENCH_WARMUP:=3}" "${BENCH_REF_DURATION:=3}"
  : "${BENCH_HOT_DURATION:=5}" "${BENCH_SCARCE_DURATION:=5}" "${BENCH_RATE_DURATION:=5}" "${BENCH_RATE_LEAD_IN:=2}"
  : "${BENCH_USERS:=300}" "${BENCH_PRODUCTS:=100}" "${BENCH_COUPON_USERS:=100}" "${BENCH_REF_VARIANTS:=mono,split}"
fi

RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
export BENCH_RESULTS=${BENCH_RESULTS:-$ROOT/bench/results/$RUN_ID}
export BENCH_LEVELS=${BENCH_LEVELS:-1,4,16,64}
export BENCH_DURATION=${BENCH_DURATION:-30}           # seconds per Gatling level
# seconds of warm-up before the levels (not reported): under load the apps' JIT compilers keep working for two to
# three minutes (order-app's compile time, jstat -compiler: 38 s after 40 s of load, 151 s after 160 s, then flat),
# and a level measured before that counts the compiling as the orders' cost
export BENCH_WARMUP=${BENCH_WARMUP:-180}
export BENCH_WARMUP_CLIENTS=${BENCH_WARMUP_CLIENTS:-16}
export BENCH_RATE_DURATION=${BENCH_RATE_DURATION:-20} # open-model run at half the best throughput (latency target)
# seconds of the same open-model load before those, not counted: Gatling starts a new JVM for each run, and its own
# first seconds (its JIT compiling) take the CPU the apps share with it; the lead-in's latencies are reported apart
export BENCH_RATE_LEAD_IN=${BENCH_RATE_LEAD_IN:-5}
export BENCH_HOT_CLIENTS=${BENCH_HOT_CLIENTS:-16}
export BENCH_HOT_DURATION=${BENCH_HOT_DURATION:-20}
export BENCH_SCARCE_DURATION=${BENCH_SCARCE_DURATION:-15}
export BENCH_REF_DURATION=${BENCH_REF_DURATION:-10}   # seconds per reference point
export BENCH_REF_VARIANTS=${BENCH_REF_VARIANTS:-mono,split,split-par}
export BENCH_REF_HOT_VARIANTS=${BENCH_REF_HOT_VARIANTS:-hot,split-hot}
export BENCH_USERS=${BENCH_USERS:-10000} BENCH_PRODUCTS=${BENCH_PRODUCTS:-1000}
export BENCH_COUPON_USERS=${BENCH_COUPON_USERS:-2000} BENCH_SCARCE_STOCK=${BENCH_SCARCE_STOCK:-200}
export BENCH_POINTS_SHARE=${BENCH_POINTS_SHARE:-0.3} BENCH_COUPON_SHARE=${BENCH_COUPON_SHARE:-0.3}
export BENCH_RUN_ID=$RUN_ID
export BENCH_DATA_DIR=$BENCH_RESULTS/data
PG_PORT=${BENCH_PG_PORT:-55432} KAFKA_PORT=${BENCH_KAFKA_PORT:-29092}
USER_PORT=${BENCH_USER_PORT:-18081} CATALOG_PORT=${BENCH_CATALOG_PORT:-18082} ORDER_PORT=${BENCH_ORDER_PORT:-18083}
# the apps' JVM options as ./caravan runs them (its CARAVAN_APP_XMX and APP_JVM_DEFAULTS); set BENCH_APP_JAVA_OPTS
# to replace them (an empty value: the JVM's own defaults)
APP_JVM_DEFAULTS=$("$ROOT/caravan" jvm-options)
APP_JAVA_OPTS=${BENCH_APP_JAVA_OPTS-"$APP_JVM_DEFAULTS"}
# 1: the apps start as ./caravan starts them, with class-data sharing; 0: from the jars as built
BENCH_CDS=${BENCH_CDS:-1}
SERVICE_TOKEN=${BENCH_SERVICE_TOKEN:-bench-service-token}

RES=$BENCH_RESULTS
mkdir -p "$RES/logs" "$RES/levels" "$RES/gatling"
STARTED=$(date +%s)
log() { echo "[bench $(date +%T)] $*" | tee -a "$RES/bench.log"; }
note() { echo "$1=$2" >> "$RES/run.env"; }

note RUN_ID "$RUN_ID"
note COMMAND "bench/run.sh${*:+ $*}"
note GIT_COMMIT "$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
note GIT_BRANCH "$(git rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?')"
note CORES "$(nproc)"
note MACHINE "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
note JAVA_VERSION "$(java -version 2>&1 | head -1)"
for k in LEVELS DURATION WARMUP HOT_CLIENTS REF_DURATION POINTS_SHARE COUPON_SHARE; do v="BENCH_$k"; note "$k" "${!v}"; done
note APP_JAVA_OPTS "$APP_JAVA_OPTS"

MVN=("$ROOT/mvnw" -B -q)
BENCH_MVN=("${MVN[@]}" -o -f "$ROOT/bench/pom.xml" -Dspotless.apply.skip=true)
# extra JVM options for Gatling's own JVM, comma-separated; set it empty for Gatling's defaults. By default the load
# generator compiles with C1 only and collects with the serial collector: each run is a new JVM, and C2 compiling it
# for 30 s took CPU from the apps on the same cores (bench/README.md, "The load generator's JIT")
BENCH_GATLING_JVM_ARGS=${BENCH_GATLING_JVM_ARGS--XX:+UseSerialGC,-XX:TieredStopAtLevel=1}
[[ -n "$BENCH_GATLING_JVM_ARGS" ]] && BENCH_MVN+=("-Dgatling.jvmArgs=$BENCH_GATLING_JVM_ARGS")
note GATLING_JVM_ARGS "$BENCH_GATLING_JVM_ARGS"

# ---------------------------------------------------------------- build
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  log "building the apps and the benchmark module"
  # offline first; a fresh machine (or a changed pom) fetches what is missing from Maven Central once
  build_apps() { "${MVN[@]}" "$@" -pl routes,user-app,catalog-app,order-app,local-stack -DskipTests package; }
  # resolve-plugins: the load steps below run gatling:test offline, and no phase of this build loads that plugin
  build_bench() {
    "${MVN[@]}" "$@" -f bench/pom.xml -DskipTests test-compile dependency:build-classpath dependency:resolve-plugins \
      -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
  }
  { build_apps -o || build_apps; } > "$RES/logs/build.log" 2>&1 \
    || { log "app build failed, see $RES/logs/build.log"; exit 1; }
  { build_bench -o || build_bench; } >> "$RES/logs/build.log" 2>&1 \
    || { log "bench build failed, see $RES/logs/build.log"; exit 1; }
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
bench_java() { java -cp "$CP" "$@"; }

# ---------------------------------------------------------------- the system
PIDS=()
cleanup() { # last started, first stopped: the apps stop while PostgreSQL and Kafka still answer them
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[$i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

pid_of_port() { ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

if [[ -n "${BENCH_ORDER_URL:-}" || -n "${BENCH_USER_URL:-}" ]]; then
  : "${BENCH_USER_URL:?set BENCH_USER_URL, BENCH_CATALOG_URL and BENCH_ORDER_URL together}"
  : "${BENCH_CATALOG_URL:?}" "${BENCH_ORDER_URL:?}"
  export BENCH_USER_URL BENCH_CATALOG_URL BENCH_ORDER_URL
  export BENCH_PG_URL=${BENCH_PG_URL:-}
  if [[ -z "${BENCH_PIDS:-}" ]]; then
    BENCH_PIDS=""
    for app in user catalog order; do
      url_var="BENCH_${app^^}_URL"; port=$(sed -E 's#.*:([0-9]+).*#\1#' <<< "${!url_var}")
      pid=$(pid_of_port "$port" || true); [[ -n "$pid" ]] && BENCH_PIDS+="${BENCH_PIDS:+,}$app=$pid"
    done
  fi
  export BENCH_PIDS
  if [[ -z "${BENCH_INFRA_PIDS:-}" ]]; then # the servers too, when they listen on this machine
    pg_port=$(sed -nE 's#.*:([0-9]+)/?.*#\1#p' <<< "${BENCH_PG_URL:-}")
    pid=$([[ -n "$pg_port" ]] && pid_of_port "$pg_port" || true); [[ -n "$pid" ]] && BENCH_INFRA_PIDS="postgres=$pid"
    pid=$(pid_of_port "$KAFKA_PORT" || true); [[ -n "$pid" ]] && BENCH_INFRA_PIDS+="${BENCH_INFRA_PIDS:+,}kafka=$pid"
  fi
  export BENCH_INFRA_PIDS=${BENCH_INFRA_PIDS:-}
  note SYSTEM "already running at $BENCH_USER_URL, $BENCH_CATALOG_URL, $BENCH_ORDER_URL (not started by the benchmark)"
  EXTERNAL=1
else
  EXTERNAL=0
  DATA=$ROOT/.caravan/bench
  rm -rf "$DATA" && mkdir -p "$DATA"
  log "starting PostgreSQL and Kafka (local-stack) on ports $PG_PORT and $KAFKA_PORT"
  CARAVAN_DATA_DIR=$DATA/data CARAVAN_PG_PORT=$PG_PORT CARAVAN_KAFKA_PORT=$KAFKA_PORT \
    CARAVAN_PG_STAT_STATEMENTS=$([[ "${BENCH_PG_STAT_STATEMENTS:-0}" == 1 ]] && echo true || echo false) \
    CARAVAN_STACK_READY_FILE=$DATA/stack.env java -jar local-stack/target/local-stack-exec.jar > "$RES/logs/local-stack.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do [[ -s "$DATA/stack.env" ]] && break; sleep 0.5; done
  [[ -s "$DATA/stack.env" ]] || { log "local-stack did not get ready, see $RES/logs/local-stack.log"; exit 1; }
  export BENCH_PG_URL="jdbc:postgresql://localhost:$PG_PORT"
  # CPU of the servers per level: PostgreSQL's server process (its backends are its children), local-stack's JVM (Kafka)
  BENCH_INFRA_PIDS="kafka=${PIDS[-1]}"
  pid=$(pid_of_port "$PG_PORT" || true); [[ -n "$pid" ]] && BENCH_INFRA_PIDS="postgres=$pid,$BENCH_INFRA_PIDS"
  export BENCH_INFRA_PIDS
  export BENCH_USER_URL="http://localhost:$USER_PORT" BENCH_CATALOG_URL="http://localhost:$CATALOG_PORT"
  export BENCH_ORDER_URL="http://localhost:$ORDER_PORT"
  note SYSTEM "started by the benchmark: embedded PostgreSQL :$PG_PORT + Kafka :$KAFKA_PORT (local-stack), apps on :$USER_PORT/:$CATALOG_PORT/:$ORDER_PORT with their default settings"
fi

# ---------------------------------------------------------------- reference (before the apps start: a quiet server)
if [[ "${BENCH_SKIP_REFERENCE:-0}" != "1" && -n "${BENCH_PG_URL:-}" ]]; then
  log "reference: $BENCH_REF_VARIANTS at $BENCH_LEVELS clients, $BENCH_REF_HOT_VARIANTS at $BENCH_HOT_CLIENTS, ${BENCH_REF_DURATION}s each"
  BENCH_OUT=$RES/reference.json bench_java io.caravan.bench.reference.ReferenceRunner 2>&1 | tee -a "$RES/bench.log" \
    || log "the reference failed (see above); going on without it"
else
  log "reference skipped (BENCH_SKIP_REFERENCE=1 or no BENCH_PG_URL)"
fi

# ---------------------------------------------------------------- apps, one at a time: start-up = process start to healthy
# As ./caravan starts them: from the extracted jar with its class-data-sharing archive, made by ./caravan's training
# start (once per build; the build above makes new jars). The training runs against databases of its own here
# (caravan_<app>_cds), so each app's measured start still creates and migrates its database.
if [[ $EXTERNAL == 0 && "$BENCH_CDS" == 1 ]]; then
  log "class-data-sharing archives (./caravan cds)"
  # shellcheck disable=SC2086
  env CARAVAN_DB_URL="$BENCH_PG_URL" KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" CARAVAN_SERVICE_TOKEN="$SERVICE_TOKEN" \
    CARAVAN_USER_DB_URL="$BENCH_PG_URL/caravan_user_cds" CARAVAN_CATALOG_DB_URL="$BENCH_PG_URL/caravan_catalog_cds" \
    CARAVAN_ORDER_DB_URL="$BENCH_PG_URL/caravan_order_cds" CARAVAN_LOG_DIR="$RES/logs/cds" CARAVAN_JAVA_OPTS="$APP_JAVA_OPTS" \
    "$ROOT/caravan" cds 2>&1 | tee -a "$RES/bench.log" \
    || log "an app has no class-data-sharing archive (see $RES/logs/cds/); it starts from its jar"
fi
start_app() { # name port-var port
  local name=$1 port_var=$2 port=$3 t0 pid ready=-1 jar="$1-app/target/$1-app-exec.jar" cds=()
  if [[ "$BENCH_CDS" == 1 && "$name-app/target/cds/$name-app.jsa" -nt "$jar" ]]; then
    cds=("-XX:SharedArchiveFile=$name-app/target/cds/$name-app.jsa")
    jar="$name-app/target/cds/$name-app-exec.jar"
  fi
  note "JAR_$name" "$jar"
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  env CARAVAN_DB_URL="$BENCH_PG_URL" KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" CARAVAN_SERVICE_TOKEN="$SERVICE_TOKEN" \
    "$port_var=$port" USER_SERVICE_URL="$BENCH_USER_URL" CATALOG_SERVICE_URL="$BENCH_CATALOG_URL" \
    ORDER_SERVICE_URL="$BENCH_ORDER_URL" MALLOC_ARENA_MAX=2 java $APP_JAVA_OPTS "${cds[@]}" -jar "$jar" \
    > "$RES/logs/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 1200); do
    if curl -sf -o /dev/null "http://localhost:$port/actuator/health"; then ready=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  printf '%s\t%s\t%s\n' "$name" "$pid" "$ready" >> "$RES/startup.tsv"
  log "$name pid $pid ready in ${ready} ms"
  BENCH_PIDS+="${BENCH_PIDS:+,}$name=$pid"
}
if [[ $EXTERNAL == 0 ]]; then
  BENCH_PIDS=""
  start_app user USER_APP_PORT "$USER_PORT"
  start_app catalog CATALOG_APP_PORT "$CATALOG_PORT"
  start_app order ORDER_APP_PORT "$ORDER_PORT"
  export BENCH_PIDS
fi
note PIDS "${BENCH_PIDS:-}"
note INFRA_PIDS "${BENCH_INFRA_PIDS:-}"

# ---------------------------------------------------------------- data
log "loading data through the API ($BENCH_USERS users, $BENCH_PRODUCTS products, coupon for $BENCH_COUPON_USERS users)"
bench_java io.caravan.bench.load.DataLoader 2>&1 | tee -a "$RES/bench.log"
if grep -q '"ordersEndpoint" : true' "$BENCH_DATA_DIR/load.json"; then SCENARIO=orders; else SCENARIO=users; fi
note SCENARIO "$SCENARIO"
[[ $SCENARIO == users ]] && log "POST /orders does not exist yet: Gatling drives POST /users as a stand-in"

# ---------------------------------------------------------------- Gatling
gatling_run() { # name simulation-class, then env assignments
  local name=$1 sim=$2; shift 2
  log "gatling $name ($*)"
  env "$@" BENCH_LEVEL_NAME="$name" BENCH_LEVEL_OUT="$RES/levels/$name.json" \
    "${BENCH_MVN[@]}" gatling:test -Dgatling.simulationClass="io.caravan.bench.gatling.$sim" \
    -Dgatling.runDescription="$name" > "$RES/logs/gatling-$name.log" 2>&1 || log "gatling $name failed, see logs/gatling-$name.log"
  local last
  last=$(cat "$ROOT/bench/target/gatling/lastRun.txt" 2>/dev/null | tail -1 || true)
  if [[ -n "$last" && -d "$ROOT/bench/target/gatling/$last" ]]; then
    mv "$ROOT/bench/target/gatling/$last" "$RES/gatling/$name"
  fi
  grep -E "request count|percentile|mean throughput" "$RES/logs/gatling-$name.log" | head -8 | sed 's/^/    /' | tee -a "$RES/bench.log" || true
}
SIM=OrderSimulation; [[ $SCENARIO == users ]] && SIM=UserSignupSimulation
gatling_run warmup "$SIM" BENCH_CLIENTS="$BENCH_WARMUP_CLIENTS" BENCH_DURATION="$BENCH_WARMUP"
# BENCH_PG_STAT_STATEMENTS=1: what one level (BENCH_PG_STAT_LEVEL clients, default 16) asked PostgreSQL
PG_STAT_LEVEL=$([[ "${BENCH_PG_STAT_STATEMENTS:-0}" == 1 ]] && echo "${BENCH_PG_STAT_LEVEL:-16}" || echo none)
for c in ${BENCH_LEVELS//,/ }; do
  if [[ $c == "$PG_STAT_LEVEL" ]]; then bench_java io.caravan.bench.report.StatementStats reset 2>&1 | tee -a "$RES/bench.log"; fi
  gatling_run "c$c" "$SIM" BENCH_CLIENTS="$c" BENCH_DURATION="$BENCH_DURATION"
  if [[ $c == "$PG_STAT_LEVEL" ]]; then bench_java io.caravan.bench.report.StatementStats write "c$c" 2>&1 | tee -a "$RES/bench.log"; fi
done
RATE=${BENCH_RATE:-$(bench_java io.caravan.bench.report.ReportWriter "$RES" half-best-rate)}
if awk "BEGIN {exit !($RATE > 0)}"; then
  gatling_run rate "$SIM" BENCH_RATE="$RATE" BENCH_DURATION="$BENCH_RATE_DURATION" BENCH_LEAD_IN="$BENCH_RATE_LEAD_IN"
fi
if [[ $SCENARIO == orders ]]; then
  gatling_run hot-ample HotProductSimulation BENCH_HOT=ample BENCH_CLIENTS="$BENCH_HOT_CLIENTS" BENCH_DURATION="$BENCH_HOT_DURATION"
  gatling_run hot-scarce HotProductSimulation BENCH_HOT=scarce BENCH_CLIENTS="$BENCH_HOT_CLIENTS" BENCH_DURATION="$BENCH_SCARCE_DURATION"
  log "checking for oversell"
  bench_java io.caravan.bench.check.OversellCheck 2>&1 | tee -a "$RES/bench.log"
fi

# ---------------------------------------------------------------- report (while the apps still run: peak RSS is read from /proc)
note NOTES "whole run took $(( $(date +%s) - STARTED )) s"
bench_java io.caravan.bench.report.ReportWriter "$RES" | tee -a "$RES/bench.log"
log "done in $(( $(date +%s) - STARTED )) s: $RES/REPORT.md"
