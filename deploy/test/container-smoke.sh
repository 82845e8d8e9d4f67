#!/usr/bin/env bash
# Smoke test of the product image: builds deploy/Dockerfile, runs three replicas of it on
# one PostgreSQL and checks what an operator relies on (deploy/test/container-smoke.mjs says
# what). Starts a Docker engine when none answers, and stops only what it started; builds a
# local base image when no registry can give one (deploy/test/base-image.sh).
#
#   bash deploy/test/container-smoke.sh [--report DIR]
#
# Exit codes: 0 passed, 1 failed, 77 skipped (no Docker engine can run here).
# Environment: DATABASE_URL (admin connection; default postgres://postgres@127.0.0.1:5432/postgres),
# BASE_IMAGE (skip the local base image and build on this one, e.g. node:20-bookworm-slim).
set -euo pipefail
cd "$(dirname "$0")/../.."

skip() {
  echo "container smoke: SKIPPED: $*"
  exit 77
}

# Debian's client builds with BuildKit against Debian's engine; another client on PATH may lack it.
DOCKER="$(command -v /usr/bin/docker || command -v docker || true)"
[ -n "$DOCKER" ] || skip "no docker client (Debian's docker.io package provides one)"
export DOCKER

engine_dir=""
engine_pid=""
stop_engine() {
  if [ -n "$engine_pid" ]; then
    kill "$engine_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$engine_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$engine_pid" 2>/dev/null || true
  fi
  if [ -n "$engine_dir" ]; then
    # The engine's own files (images, layers, build cache) live here only: all of it goes,
    # after what it left mounted there (its network namespace handle, say), deepest first.
    awk -v dir="$engine_dir/" 'index($2, dir) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do
      umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null || true
    done
    rm -rf "$engine_dir" || echo "container smoke: could not remove all of $engine_dir" >&2
  fi
}
trap stop_engine EXIT

if ! "$DOCKER" info >/dev/null 2>&1; then
  command -v dockerd >/dev/null 2>&1 || skip "no Docker engine answers and dockerd is not installed"
  [ "$(id -u)" = 0 ] || skip "no Docker engine answers and starting one needs root"
  engine_dir="$(mktemp -d)"
  # vfs works on any filesystem; no bridge or iptables: the containers use the host network.
  dockerd --storage-driver=vfs --iptables=false --bridge=none \
    --data-root "$engine_dir/data" --exec-root "$engine_dir/exec" --pidfile "$engine_dir/dockerd.pid" \
    --host "unix://$engine_dir/docker.sock" >"$engine_dir/dockerd.log" 2>&1 &
  engine_pid=$!
  export DOCKER_HOST="unix://$engine_dir/docker.sock"
  for _ in $(seq 1 60); do
    "$DOCKER" info >/dev/null 2>&1 && break
    kill -0 "$engine_pid" 2>/dev/null || break
    sleep 0.5
  done
  if ! "$DOCKER" info >/dev/null 2>&1; then
    tail -n 5 "$engine_dir/dockerd.log" || true
    skip "a Docker engine could not be started here"
  fi
  echo "container smoke: started a Docker engine of its own (stopped and removed at the end)"
  export SMOKE_FRESH_ENGINE=1
fi

created_base=""
if [ -z "${BASE_IMAGE:-}" ]; then
  base_tag="mcp-fleet-base:node20.20.2-bookworm"
  "$DOCKER" image inspect "$base_tag" >/dev/null 2>&1 || created_base="$base_tag"
  BASE_IMAGE="$(bash deploy/test/base-image.sh "$base_tag")"
fi
export BASE_IMAGE

status=0
node deploy/test/container-smoke.mjs "$@" || status=$?
if [ -n "$created_base" ] && [ -z "$engine_dir" ]; then
  "$DOCKER" rmi "$created_base" >/dev/null 2>&1 || true
fi
exit "$status"
