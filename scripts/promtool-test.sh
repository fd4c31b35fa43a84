#!/usr/bin/env bash
# The Prometheus rules of deploy/monitoring: promtool checks that they parse, then runs their unit tests
# (series in, alerts out). promtool comes from Debian's `prometheus` package (.ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v promtool >/dev/null 2>&1 || {
  echo "promtool-test: 'promtool' is not on PATH (apt-get install -y prometheus)" >&2
  exit 1
}

echo "==> promtool $(promtool --version 2>&1 | awk 'NR==1 {print $3}'): deploy/monitoring rules"
promtool check rules deploy/monitoring/alerts.yml
promtool test rules deploy/monitoring/tests/*.test.yml
