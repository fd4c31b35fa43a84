#!/usr/bin/env sh
# Builds actionlint from the Go module proxy into a machine-wide cache keyed by version and prints
# the binary's path. Idempotent: a cached binary is reused; concurrent callers serialise on a lock.
set -eu

ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
CACHE_ROOT="${PARTYLINE_CACHE:-/var/cache/partyline}"
DEST="$CACHE_ROOT/actionlint-$ACTIONLINT_VERSION"
BIN="$DEST/actionlint"

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 || {
  echo "install-actionlint: 'go' is not on PATH (install Go >= 1.22 to build actionlint)" >&2
  exit 1
}

mkdir -p "$CACHE_ROOT"
(
  # flock is in util-linux; without it, a race only wastes a build (the final mv is atomic).
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if [ ! -x "$BIN" ]; then
    tmp="$(mktemp -d "$CACHE_ROOT/.actionlint-build.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    GOBIN="$tmp" CGO_ENABLED=0 GOFLAGS=-mod=mod \
      go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >&2
    mkdir -p "$DEST"
    mv "$tmp/actionlint" "$BIN"
  fi
) 9>"$CACHE_ROOT/.actionlint.lock"

echo "$BIN"
