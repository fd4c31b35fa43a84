#!/usr/bin/env bash
# checkov (PyPI) over the Terraform under infra/ and the three Dockerfiles: zero failed checks, and every
# skipped check carries its reason inline (#checkov:skip=ID:reason). Installs checkov once into a
# machine-wide venv keyed by version, so later runs start at once. Offline about Terraform modules: the
# registry modules (terraform-aws-modules/*) are NOT downloaded, so checkov sees our own resources and
# the arguments we pass to those modules, not the resources inside them (see infra/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

CHECKOV_VERSION="${CHECKOV_VERSION:-3.3.30}"
CACHE_ROOT="${PARTYLINE_CACHE:-/var/cache/partyline}"
VENV="$CACHE_ROOT/checkov-$CHECKOV_VERSION"
BIN="$VENV/bin/checkov"

# A venv's scripts name its own path, so it is built in place; `.installed` marks a finished install.
if [ ! -f "$VENV/.installed" ]; then
  mkdir -p "$CACHE_ROOT"
  (
    if command -v flock >/dev/null 2>&1; then flock 9; fi
    if [ ! -f "$VENV/.installed" ]; then
      echo "==> installing checkov $CHECKOV_VERSION into $VENV" >&2
      rm -rf "$VENV"
      python3 -m venv "$VENV"
      "$VENV/bin/pip" install -q --disable-pip-version-check "checkov==$CHECKOV_VERSION" >&2
      touch "$VENV/.installed"
    fi
  ) 9>"$CACHE_ROOT/.checkov.lock"
fi

# No telemetry, no platform upload, no version check over the network.
# TF_CLI_CONFIG_FILE: checkov runs `terraform`, which otherwise warns about a missing ~/.terraformrc.
export TF_CLI_CONFIG_FILE=/dev/null BC_SKIP_MAPPING=TRUE CHECKOV_RUN_SCA_PACKAGE_SCAN_V2=false LOG_LEVEL="${LOG_LEVEL:-ERROR}"

common=(--quiet --compact --skip-download "$@")

# Two runs: checkov scans either a directory or files, not both (with both it ignores the files).
echo "==> checkov $CHECKOV_VERSION: Terraform under infra/ (registry modules not downloaded)"
"$BIN" "${common[@]}" --framework terraform --download-external-modules false \
  --directory infra --skip-path infra/test
echo "==> checkov $CHECKOV_VERSION: the three Dockerfiles"
"$BIN" "${common[@]}" --framework dockerfile \
  --file accounts-service/Dockerfile --file messages-service/Dockerfile --file client/Dockerfile
