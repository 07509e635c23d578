# shellcheck shell=bash
# Sourced by bench/wrk (not executed): finds the processes of a system started by ./run and reports their memory.
# Reads only /proc and the launcher's processes.tsv (what ./run status prints), so it costs no JVM start.

# The launcher's pid: var/run.pid's process is `java ... -jar infra/local/target/local-stack.jar`.
launcher_pid() {
  pgrep -f -- '-jar [^ ]*local-stack\.jar' | head -n 1
}

# TOD_HOME of the running system: ours if set, else the launcher's own (its environment, else <its cwd>/var).
system_home() {
  if [ -n "${TOD_HOME:-}" ]; then echo "$TOD_HOME"; return; fi
  local pid home
  pid=$(launcher_pid) || true
  if [ -n "$pid" ] && [ -r "/proc/$pid/environ" ]; then
    home=$(tr '\0' '\n' <"/proc/$pid/environ" | sed -n 's/^TOD_HOME=//p' | head -n 1)
    if [ -z "$home" ]; then home="$(readlink "/proc/$pid/cwd")/var"; fi
    echo "$home"
    return
  fi
  echo "$root/var"
}

# "name pid" per line for every running instance of the system: processes.tsv when the launcher wrote one,
# else every `java ... -jar <module>.jar` found by pgrep.
service_pids() {
  local file
  file="$(system_home)/processes.tsv"
  if [ -f "$file" ]; then
    awk -F'\t' '!/^#/ && $3 > 0 { print $1 "-" $2, $3 }' "$file"
    return
  fi
  local module pid
  for module in discovery gateway-service content-service rating-service translation-service cms-service; do
    for pid in $(pgrep -f -- "-jar [^ ]*/$module\.jar" || true); do echo "$module $pid"; done
  done
}

# "name pid" of what surrounds the services: the launcher (Kafka and the Mongo wire store run inside it), Redis,
# the Zipkin trace store, Prometheus.
infrastructure_pids() {
  local pid
  pid=$(launcher_pid) || true
  [ -z "$pid" ] || echo "launcher+kafka+store $pid"
  for pid in $(pgrep -f -- '^[^ ]*redis-server' || true); do echo "redis $pid"; done
  for pid in $(pgrep -f -- '-jar [^ ]*zipkin-server[^ ]*\.jar' || true); do echo "zipkin $pid"; done
  for pid in $(pgrep -x prometheus || true); do echo "prometheus $pid"; done
}

# The first pid of a module's instances (e.g. gateway-service), empty when none runs.
module_pid() {
  service_pids | awk -v m="$1" '$1 == m || $1 == m "-1" { print $2; exit }'
}

rss_kib() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || true
}

# Resident size of every process of the running system and the total.
report_memory() {
  local name pid kib total=0 count=0
  echo
  echo "memory (VmRSS) of the running system, $(system_home)/processes.tsv and pgrep:"
  while read -r name pid; do
    [ -n "$pid" ] || continue
    kib=$(rss_kib "$pid")
    [ -n "$kib" ] || continue
    printf '  %-24s pid %-8s %8d MiB\n' "$name" "$pid" "$((kib / 1024))"
    total=$((total + kib))
    count=$((count + 1))
  done < <(service_pids; infrastructure_pids)
  if [ "$count" -eq 0 ]; then
    echo "  no process of a running system found (start it with ./run)"
    return
  fi
  awk -v k="$total" -v n="$count" 'BEGIN { printf "  %-24s %-12s %8d MiB (%.2f GiB, goal <= 3 GiB: %s)\n",
      "total", n " processes", k / 1024, k / 1048576, k <= 3 * 1048576 ? "met" : "missed" }'
}

# Password of the CMS bootstrap admin: BENCH_CMS_PASSWORD, CMS_ADMIN_PASSWORD, the one the running cms-service
# was started with, or the generated one cms-service printed into its log at the first start.
cms_password() {
  if [ -n "${BENCH_CMS_PASSWORD:-}" ]; then echo "$BENCH_CMS_PASSWORD"; return; fi
  if [ -n "${CMS_ADMIN_PASSWORD:-}" ]; then echo "$CMS_ADMIN_PASSWORD"; return; fi
  local pid password
  pid=$(module_pid cms-service)
  if [ -n "$pid" ] && [ -r "/proc/$pid/environ" ]; then
    password=$(tr '\0' '\n' <"/proc/$pid/environ" | sed -n 's/^CMS_ADMIN_PASSWORD=//p' | head -n 1)
    if [ -n "$password" ]; then echo "$password"; return; fi
  fi
  cat "$(system_home)"/logs/cms-service*.log 2>/dev/null | sed -n 's/.*generated password: *//p' | tail -n 1
}
