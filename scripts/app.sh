#!/usr/bin/env bash
# Runs Partyline itself on top of the local stack: accounts-service (4001), messages-service (4002) and the
# client (vite preview on 5173, proxying /api, /.well-known and /socket.io to the services).
#
#   scripts/app.sh up       build if needed, start what is not running, wait for /healthz, print the URL
#   scripts/app.sh down     stop what `up` started (by pid)
#   scripts/app.sh status
#
# PARTYLINE_SCALE=N (`make up SCALE=N`, N>1) runs N messages-service instances behind HAProxy (Debian's
# package, installed on first use) instead of one: HAProxy takes the messages port, instance i listens on
# that port + 10·i, and the client's proxy sends /api and /socket.io there. The config is rendered from
# deploy/haproxy/haproxy.cfg (compose's front door) with loopback addresses. Every service's internal ops
# port is its port + 5400 (the defaults: 9401, 9402); HAProxy's (stats at /stats) is the messages port + 5400.
# The instances share PostgreSQL, Redis (the socket.io adapter joins them) and Kafka.
#
# Ports come from PARTYLINE_ACCOUNTS_PORT, PARTYLINE_MESSAGES_PORT and PARTYLINE_CLIENT_PORT; an app on other
# than the default ports keeps its pid files and logs in .stack/run/app-<client port>/ and
# .stack/logs/app-<client port>/, so `down` with the same variables stops only what its `up` started.
# PARTYLINE_CLIENT_DIST serves another build of the client (vite build --outDir DIR) instead of client/dist.
# What is running is described in <run dir>/app.json (ports, instances, pid files), read by the scale e2e.
#
# Dev sign-in is on here (DEV_SIGNIN=true): this is the local, single-machine setup, where every browser
# signs in from 127.0.0.1, so the per-address sign-in limit is 600 a minute (PARTYLINE_SIGNIN_LIMIT_POINTS;
# 20 elsewhere): the browser suite signs in more than 20 people a minute. The services trust one
# proxy hop (TRUST_PROXY=1): the client's proxy, which overwrites X-Forwarded-For with the real peer. The access-token
# signing key is generated once into .stack/keys/ (git-ignored); production keys come from Secrets Manager.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK="$ROOT/.stack"
KEYS="$STACK/keys"

ACCOUNTS_PORT="${PARTYLINE_ACCOUNTS_PORT:-4001}"
MESSAGES_PORT="${PARTYLINE_MESSAGES_PORT:-4002}"
CLIENT_PORT="${PARTYLINE_CLIENT_PORT:-5173}"
SCALE="${PARTYLINE_SCALE:-1}"
[[ "$SCALE" =~ ^[1-9]$ ]] || { echo "PARTYLINE_SCALE (SCALE) must be 1 to 9, not '$SCALE'" >&2; exit 2; }
if [ "$ACCOUNTS_PORT/$MESSAGES_PORT/$CLIENT_PORT" = "4001/4002/5173" ]; then
  RUN="$STACK/run"
  LOGS="$STACK/logs"
else
  RUN="$STACK/run/app-$CLIENT_PORT"
  LOGS="$STACK/logs/app-$CLIENT_PORT"
fi
ops_port() { echo $(($1 + 5400)); }
instance_port() { echo $((MESSAGES_PORT + 10 * $1)); }
APP_URL="http://localhost:$CLIENT_PORT"
# The browser origins both services accept (socket.io, CORS, the refresh cookie's Origin check); more can be
# added for a second client build served beside this one.
ORIGINS="$APP_URL,http://127.0.0.1:$CLIENT_PORT${PARTYLINE_EXTRA_ORIGINS:+,$PARTYLINE_EXTRA_ORIGINS}"

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
ok() { printf '    \033[32m✓\033[0m %s\n' "$*"; }
die() { printf '\033[31m✗ %s\033[0m\n' "$*" >&2; exit 1; }

alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

spawn() { # name dir cmd...
  local name="$1" dir="$2"; shift 2
  # exec keeps one pid from the subshell to the program, so the pid file names the process itself.
  (cd "$dir" && exec setsid nohup "$@" >>"$LOGS/$name.log" 2>&1 </dev/null) &
  echo $! >"$RUN/$name.pid"
}

wait_http() { # name url timeout
  local name="$1" url="$2" timeout="$3" start; start="$(date +%s)"
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! alive "$name"; then
      tail -n 40 "$LOGS/$name.log" >&2 || true
      die "$name exited during start; the tail of ${LOGS#"$ROOT"/}/$name.log is above"
    fi
    if [ $(($(date +%s) - start)) -ge "$timeout" ]; then
      tail -n 40 "$LOGS/$name.log" >&2 || true
      die "$name did not answer $url within ${timeout}s (log: ${LOGS#"$ROOT"/}/$name.log)"
    fi
    sleep 0.3
  done
  ok "$name answers $url"
}

signing_key() {
  mkdir -p "$KEYS"
  chmod 700 "$KEYS"
  if [ ! -f "$KEYS/access-token-es256.pem" ]; then
    node -e "const { generateKeyPairSync } = require('node:crypto');
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      process.stdout.write(privateKey.export({ type: 'pkcs8', format: 'pem' }));" >"$KEYS/access-token-es256.pem"
    chmod 600 "$KEYS/access-token-es256.pem"
  fi
}

# The pid-file names of the messages-service processes of this app (one, or one per instance).
messages_names() {
  local f found=0
  for f in "$RUN"/messages-service-[0-9].pid; do [ -e "$f" ] && { basename "$f" .pid; found=1; }; done
  [ "$found" = 1 ] || echo messages-service
}

haproxy_install() {
  command -v haproxy >/dev/null 2>&1 && return
  say "installing from apt: haproxy (SCALE=$SCALE)"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends haproxy >/dev/null
  command -v haproxy >/dev/null 2>&1 || die "haproxy did not install"
}

# deploy/haproxy/haproxy.cfg with this machine's addresses: the same routes, checks, stickiness and timeouts.
haproxy_config() {
  awk -v front="127.0.0.1:$MESSAGES_PORT" -v ops="127.0.0.1:$(ops_port "$MESSAGES_PORT")" \
    -v accounts="127.0.0.1:$ACCOUNTS_PORT" -v client="127.0.0.1:$CLIENT_PORT" \
    -v base="$MESSAGES_PORT" -v n="$SCALE" '
    /^# Docker.s embedded DNS/ { next }
    /^resolvers docker/ { skip = 1; next }
    skip && /^$/ { skip = 0; next }
    skip { next }
    { sub(/ resolvers docker init-addr [^ ]+/, "") }
    /^ *bind :8080$/ { sub(/:8080/, front) }
    /^ *bind :8404$/ { sub(/:8404/, ops) }
    /server accounts / { sub(/accounts-service:4001/, accounts) }
    /server client / { sub(/client:8080/, client) }
    /^ *server messages-1 / {
      for (i = 1; i <= n; i++) {
        line = $0
        sub(/messages-1 messages-1:4002/, "messages-" i " 127.0.0.1:" (base + 10 * i), line)
        sub(/cookie m1/, "cookie m" i, line)
        print line
      }
      next
    }
    /^ *server messages-[0-9]+ / { next }
    { print }' "$ROOT/deploy/haproxy/haproxy.cfg"
}

write_state() {
  local i sep="" instances=""
  if [ "$SCALE" -gt 1 ]; then
    for i in $(seq 1 "$SCALE"); do
      instances+="$sep{\"name\":\"messages-$i\",\"cookie\":\"m$i\",\"port\":$(instance_port "$i"),\"opsPort\":$(ops_port "$(instance_port "$i")"),\"pidFile\":\"$RUN/messages-service-$i.pid\"}"
      sep=","
    done
  else
    instances="{\"name\":\"messages-service\",\"port\":$MESSAGES_PORT,\"opsPort\":$(ops_port "$MESSAGES_PORT"),\"pidFile\":\"$RUN/messages-service.pid\"}"
  fi
  printf '{"appUrl":"%s","scale":%s,"accountsPort":%s,"messagesPort":%s,"haproxyOpsPort":%s,"messages":[%s]}\n' \
    "$APP_URL" "$SCALE" "$ACCOUNTS_PORT" "$MESSAGES_PORT" \
    "$([ "$SCALE" -gt 1 ] && ops_port "$MESSAGES_PORT" || echo null)" "$instances" >"$RUN/app.json"
}

start_messages() { # name port [instance id]
  local name="$1" port="$2" id="${3:-}"
  if alive "$name"; then ok "$name already running"; return; fi
  say "starting $name on 127.0.0.1:$port"
  # Attachments on the local stack's SeaweedFS, when stack.env names it (the bucket is made at start).
  local s3=()
  if [ -n "${PARTYLINE_S3_BUCKET:-}" ]; then
    s3=("S3_BUCKET=$PARTYLINE_S3_BUCKET" "S3_ENDPOINT=$PARTYLINE_S3_ENDPOINT" "S3_REGION=${PARTYLINE_S3_REGION:-us-east-1}"
      "S3_ACCESS_KEY_ID=$PARTYLINE_S3_ACCESS_KEY" "S3_SECRET_ACCESS_KEY=$PARTYLINE_S3_SECRET_KEY"
      S3_FORCE_PATH_STYLE=true S3_CREATE_BUCKET=true)
  fi
  # Behind HAProxy two proxies stand before the service (the client's, then HAProxy), both trusted.
  PORT="$port" OPS_PORT="$(ops_port "$port")" POSTGRES_URL="$PARTYLINE_POSTGRES_URL" \
    KAFKA_BROKERS="$PARTYLINE_KAFKA_BROKERS" REDIS_URL="$PARTYLINE_REDIS_URL" \
    JWKS_URL="http://127.0.0.1:$ACCOUNTS_PORT/.well-known/jwks.json" \
    ALLOWED_ORIGINS="$ORIGINS" TRUST_PROXY="$([ -n "$id" ] && echo 2 || echo 1)" \
    spawn "$name" "$ROOT/messages-service" env ${id:+"INSTANCE_ID=$id"} "${s3[@]}" node dist/main.js
}

cmd_up() {
  mkdir -p "$RUN" "$LOGS"
  local running; running="$(messages_names)"
  if [ "$SCALE" -gt 1 ] && [ "$running" = messages-service ] && alive messages-service; then
    die "this app runs one messages-service; stop it first (make down, same ports) to start SCALE=$SCALE"
  fi
  if [ "$SCALE" = 1 ] && [ "$running" != messages-service ]; then
    die "this app runs $(echo "$running" | wc -l) messages-service instances; stop it first (make down, same ports) or pass the same SCALE"
  fi
  [ "$SCALE" -gt 1 ] && haproxy_install
  [ -f "$STACK/stack.env" ] || die "the local stack is not up: run 'make stack-up' first"
  # shellcheck disable=SC1091
  set -a; . "$STACK/stack.env"; set +a
  signing_key
  local kid; kid="local-$(sha256sum "$KEYS/access-token-es256.pem" | cut -c1-8)"

  if alive accounts-service; then ok "accounts-service already running"; else
    say "starting accounts-service on 127.0.0.1:$ACCOUNTS_PORT"
    # Avatars on the same SeaweedFS bucket as the attachments (their own avatars/ prefix).
    local s3=()
    if [ -n "${PARTYLINE_S3_BUCKET:-}" ]; then
      s3=("S3_BUCKET=$PARTYLINE_S3_BUCKET" "S3_ENDPOINT=$PARTYLINE_S3_ENDPOINT" "S3_REGION=${PARTYLINE_S3_REGION:-us-east-1}"
        "S3_ACCESS_KEY_ID=$PARTYLINE_S3_ACCESS_KEY" "S3_SECRET_ACCESS_KEY=$PARTYLINE_S3_SECRET_KEY"
        S3_FORCE_PATH_STYLE=true S3_CREATE_BUCKET=true)
    fi
    PORT="$ACCOUNTS_PORT" OPS_PORT="$(ops_port "$ACCOUNTS_PORT")" MONGO_URL="$PARTYLINE_MONGO_URL" KAFKA_BROKERS="$PARTYLINE_KAFKA_BROKERS" \
      REDIS_URL="$PARTYLINE_REDIS_URL" PUBLIC_URL="$APP_URL" DEV_SIGNIN=true \
      SIGNIN_LIMIT_POINTS="${PARTYLINE_SIGNIN_LIMIT_POINTS:-600}" \
      ALLOWED_ORIGINS="$ORIGINS" TRUST_PROXY=1 \
      JWT_PRIVATE_KEY="$(cat "$KEYS/access-token-es256.pem")" JWT_KEY_ID="$kid" \
      spawn accounts-service "$ROOT/accounts-service" env "${s3[@]}" node dist/main.js
  fi
  wait_http accounts-service "http://127.0.0.1:$ACCOUNTS_PORT/healthz" 60

  if [ "$SCALE" = 1 ]; then
    start_messages messages-service "$MESSAGES_PORT"
    wait_http messages-service "http://127.0.0.1:$MESSAGES_PORT/healthz" 60
  else
    local i
    for i in $(seq 1 "$SCALE"); do start_messages "messages-service-$i" "$(instance_port "$i")" "messages-$i"; done
    for i in $(seq 1 "$SCALE"); do
      wait_http "messages-service-$i" "http://127.0.0.1:$(instance_port "$i")/healthz" 60
    done
    haproxy_config >"$RUN/haproxy.cfg"
    haproxy -c -q -f "$RUN/haproxy.cfg" || die "the rendered $RUN/haproxy.cfg is not valid"
    if alive haproxy; then ok "haproxy already running"; else
      say "starting haproxy on 127.0.0.1:$MESSAGES_PORT → $SCALE messages-service instances"
      spawn haproxy "$RUN" haproxy -db -f "$RUN/haproxy.cfg"
    fi
    wait_http haproxy "http://127.0.0.1:$(ops_port "$MESSAGES_PORT")/healthz" 15
  fi
  write_state

  if alive client; then ok "client already running"; else
    say "serving the client on 127.0.0.1:$CLIENT_PORT"
    PARTYLINE_ACCOUNTS_URL="http://127.0.0.1:$ACCOUNTS_PORT" PARTYLINE_MESSAGES_URL="http://127.0.0.1:$MESSAGES_PORT" \
      spawn client "$ROOT/client" "$ROOT/node_modules/.bin/vite" preview --port "$CLIENT_PORT" --strictPort --host 127.0.0.1 \
        ${PARTYLINE_CLIENT_DIST:+--outDir "$PARTYLINE_CLIENT_DIST"}
  fi
  wait_http client "http://127.0.0.1:$CLIENT_PORT/" 30
  wait_http accounts-service "http://127.0.0.1:$CLIENT_PORT/api/auth/providers" 10
  if [ "$SCALE" -gt 1 ]; then
    # Every instance answers through the client's proxy and HAProxy once the health checks have passed.
    local start; start="$(date +%s)"
    until [ "$(curl -fsS "http://127.0.0.1:$(ops_port "$MESSAGES_PORT")/stats;csv" 2>/dev/null |
      grep -c '^messages,messages-[0-9],.*,UP,')" = "$SCALE" ]; do
      [ $(($(date +%s) - start)) -lt 20 ] || die "HAProxy does not see $SCALE messages-service instances up"
      sleep 0.3
    done
    ok "haproxy: $SCALE messages-service instances up (stats: http://127.0.0.1:$(ops_port "$MESSAGES_PORT")/stats)"
  fi

  printf '\n\033[1mPartyline is running: open %s\033[0m (dev sign-in is enabled)\n' "$APP_URL"
}

stop() {
  if alive "$1"; then
    local pid; pid="$(cat "$RUN/$1.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    ok "stopped $1 (pid $pid)"
  fi
  rm -f "$RUN/$1.pid"
}

cmd_down() {
  say "stopping Partyline"
  stop client
  [ -f "$RUN/haproxy.pid" ] && stop haproxy
  local name
  for name in $(messages_names); do stop "$name"; done
  stop accounts-service
  rm -f "$RUN/app.json" "$RUN/haproxy.cfg"
}

cmd_status() {
  local code=0 names
  names="accounts-service $(messages_names | tr '\n' ' ')"
  [ -f "$RUN/haproxy.pid" ] && names+=" haproxy"
  for name in $names client; do
    if alive "$name"; then ok "$name (pid $(cat "$RUN/$name.pid"))"; else printf '    \033[31m✗\033[0m %s\n' "$name"; code=1; fi
  done
  if alive haproxy; then
    curl -fsS "http://127.0.0.1:$(ops_port "$MESSAGES_PORT")/stats;csv" 2>/dev/null |
      awk -F, '$1 == "messages" && $2 ~ /^messages-/ { printf "      haproxy sees %s: %s\n", $2, $18 }' || true
  fi
  return "$code"
}

mkdir -p "$RUN" "$LOGS"
case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
