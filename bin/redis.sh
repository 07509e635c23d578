# Sourced by ./run and .ci/run: makes sure Debian's redis-server is installed (the gateway's rate limits keep
# their buckets in Redis; the launcher and the tests start it themselves). Installs it with apt-get when missing
# and we may (root, or sudo without a password); otherwise says how, and the system runs without rate limits.
_tod_redis_binary() {
  command -v redis-server 2>/dev/null || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; }
}
if [ -z "$(_tod_redis_binary)" ] && [ "${REDIS_HOST:-}" = "" ]; then
  echo "redis-server is missing: installing it (apt-get install -y redis-server)..." >&2
  if [ "$(id -u)" = 0 ]; then
    _tod_sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    _tod_sudo="sudo -n"
  else
    _tod_sudo="none"
  fi
  if [ "$_tod_sudo" != none ] && command -v apt-get >/dev/null 2>&1; then
    $_tod_sudo apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive $_tod_sudo apt-get install -y -qq redis-server >/dev/null 2>&1 \
      || echo "warning: apt-get install redis-server failed" >&2
    # Debian starts a system service on install; our launcher and tests run their own on their own ports
  fi
  if [ -z "$(_tod_redis_binary)" ]; then
    echo "warning: redis-server is not installed (as root: apt-get install -y redis-server);" \
      "the gateway will run without rate limits and its rate-limit tests will fail" >&2
  fi
  unset _tod_sudo
fi
