#!/usr/bin/env bash
# System packages the tests need beyond the stack's servers (scripts/stack.sh installs those):
# Debian's Chromium for the end-to-end tests, nginx for the client's proxy config, and docker-compose, which parses docker-compose.yml without an
# engine. Idempotent: installs only what is missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v curl >/dev/null 2>&1 || missing+=(curl)
# nginx: the client's production proxy config (client/nginx.conf) is tested for real in the e2e suite.
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> installing from apt: ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
echo "    ✓ chromium, docker-compose, curl, nginx"
