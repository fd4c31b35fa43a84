#!/usr/bin/env bash
# Runs Partyline itself on top of the local stack: accounts-service (4001), messages-service (4002) and the
# client (vite preview on 5173, proxying /api, /.well-known and /socket.io to the services).
#
#   scripts/app.sh up       build if needed, start what is not running, wait for /healthz, print the URL
#   scripts/app.sh down     stop what `up` started (by pid)
#   scripts/app.sh status
#
# Dev sign-in is on here (DEV_SIGNIN=true): this is the local, single-machine setup. The services trust one
# proxy hop (TRUST_PROXY=1): the client's proxy, which overwrites X-Forwarded-For with the real peer. The access-token
# signing key is generated once into .stack/keys/ (git-ignored); production keys come from Secrets Manager.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK="$ROOT/.stack"
RUN="$STACK/run"
LOGS="$STACK/logs"
KEYS="$STACK/keys"

ACCOUNTS_PORT="${PARTYLINE_ACCOUNTS_PORT:-4001}"
MESSAGES_PORT="${PARTYLINE_MESSAGES_PORT:-4002}"
CLIENT_PORT="${PARTYLINE_CLIENT_PORT:-5173}"
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
      die "$name exited during start; the tail of .stack/logs/$name.log is above"
    fi
    if [ $(($(date +%s) - start)) -ge "$timeout" ]; then
      tail -n 40 "$LOGS/$name.log" >&2 || true
      die "$name did not answer $url within ${timeout}s"
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

cmd_up() {
  mkdir -p "$RUN" "$LOGS"
  [ -f "$STACK/stack.env" ] || die "the local stack is not up: run 'make stack-up' first"
  # shellcheck disable=SC1091
  set -a; . "$STACK/stack.env"; set +a
  signing_key
  local kid; kid="local-$(sha256sum "$KEYS/access-token-es256.pem" | cut -c1-8)"

  if alive accounts-service; then ok "accounts-service already running"; else
    say "starting accounts-service on 127.0.0.1:$ACCOUNTS_PORT"
    PORT="$ACCOUNTS_PORT" MONGO_URL="$PARTYLINE_MONGO_URL" KAFKA_BROKERS="$PARTYLINE_KAFKA_BROKERS" \
      REDIS_URL="$PARTYLINE_REDIS_URL" PUBLIC_URL="$APP_URL" DEV_SIGNIN=true \
      ALLOWED_ORIGINS="$ORIGINS" TRUST_PROXY=1 \
      JWT_PRIVATE_KEY="$(cat "$KEYS/access-token-es256.pem")" JWT_KEY_ID="$kid" \
      spawn accounts-service "$ROOT/accounts-service" node dist/main.js
  fi
  wait_http accounts-service "http://127.0.0.1:$ACCOUNTS_PORT/healthz" 60

  if alive messages-service; then ok "messages-service already running"; else
    say "starting messages-service on 127.0.0.1:$MESSAGES_PORT"
    PORT="$MESSAGES_PORT" POSTGRES_URL="$PARTYLINE_POSTGRES_URL" KAFKA_BROKERS="$PARTYLINE_KAFKA_BROKERS" \
      REDIS_URL="$PARTYLINE_REDIS_URL" JWKS_URL="http://127.0.0.1:$ACCOUNTS_PORT/.well-known/jwks.json" \
      ALLOWED_ORIGINS="$ORIGINS" TRUST_PROXY=1 \
      spawn messages-service "$ROOT/messages-service" node dist/main.js
  fi
  wait_http messages-service "http://127.0.0.1:$MESSAGES_PORT/healthz" 60

  if alive client; then ok "client already running"; else
    say "serving the client on 127.0.0.1:$CLIENT_PORT"
    PARTYLINE_ACCOUNTS_URL="http://127.0.0.1:$ACCOUNTS_PORT" PARTYLINE_MESSAGES_URL="http://127.0.0.1:$MESSAGES_PORT" \
      spawn client "$ROOT/client" "$ROOT/node_modules/.bin/vite" preview --port "$CLIENT_PORT" --strictPort --host 127.0.0.1
  fi
  wait_http client "http://127.0.0.1:$CLIENT_PORT/" 30
  wait_http accounts-service "http://127.0.0.1:$CLIENT_PORT/api/auth/providers" 10

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
  stop messages-service
  stop accounts-service
}

cmd_status() {
  local code=0
  for name in accounts-service messages-service client; do
    if alive "$name"; then ok "$name (pid $(cat "$RUN/$name.pid"))"; else printf '    \033[31m✗\033[0m %s\n' "$name"; code=1; fi
  done
  return "$code"
}

mkdir -p "$RUN" "$LOGS"
case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
