# shellcheck shell=bash
# Sourced by bench/wrk (not executed): builds, starts and stops bench/bare-gateway, a Spring Cloud Gateway of the
# same versions as ours with one Path=/api/** route to content-service and nothing else.
#
# It runs like our gateway: the same java, the same JVM options and heap (read from the running gateway's command
# line, else infra/local's defaults: -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError plus TOD_JAVA_OPTS) and,
# with the agent, the same OpenTelemetry agent jar and OTEL_* environment (exporter included), under the service
# name bare-gateway.

bare_dir="$root/bench/bare-gateway"
bare_jar="$bare_dir/target/bare-gateway.jar"
bare_pid=""
bare_url=""
bare_java=""
bare_agent_jar=""
bare_jvm_opts=()
bare_otel_env=()

bare_build() {
  if [ -f "$bare_jar" ] && [ -z "$(find "$bare_dir/pom.xml" "$bare_dir/src" -newer "$bare_jar" -print -quit)" ]; then
    return
  fi
  echo "building bench/bare-gateway (./mvnw -q -f bench/bare-gateway/pom.xml package -DskipTests)"
  (cd "$root" && ./mvnw -q -f bench/bare-gateway/pom.xml package -DskipTests)
}

# Fills bare_java, bare_jvm_opts, bare_agent_jar and bare_otel_env from the running gateway, else from defaults.
bare_mirror_gateway() {
  local pid="" heap="" arg
  local -a cmdline=()
  [ "${BARE_GATEWAY_MIRROR:-auto}" = off ] || pid=$(module_pid gateway-service)
  if [ -n "${pid:-}" ] && [ -r "/proc/$pid/cmdline" ]; then
    mapfile -d '' -t cmdline <"/proc/$pid/cmdline"
  fi
  if [ "${#cmdline[@]}" -gt 0 ]; then
    bare_java=${cmdline[0]}
    for arg in "${cmdline[@]:1}"; do
      case "$arg" in
        -jar) break ;;
        -javaagent:*) bare_agent_jar=${arg#-javaagent:} ;;
        -Xmx*) heap=${arg#-Xmx} ;;
        *) bare_jvm_opts+=("$arg") ;;
      esac
    done
    mapfile -t bare_otel_env < <(tr '\0' '\n' <"/proc/$pid/environ" | grep '^OTEL_' |
      grep -v -e '^OTEL_SERVICE_NAME=' -e '^OTEL_RESOURCE_ATTRIBUTES=' || true)
    echo "bare gateway mirrors our gateway (pid $pid): JVM options and OTEL_* environment"
  else
    bare_java="$JAVA_HOME/bin/java"
    # infra/local's ServiceCommandLine: BASE_JVM_OPTIONS, TOD_JAVA_OPTS, the agent's environment without exporter
    bare_jvm_opts=(-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)
    # shellcheck disable=SC2206 # TOD_JAVA_OPTS is a space-separated list, as the launcher splits it
    [ -z "${TOD_JAVA_OPTS:-}" ] || bare_jvm_opts+=(${TOD_JAVA_OPTS})
    bare_otel_env=(OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none OTEL_TRACES_EXPORTER=none OTEL_BSP_SCHEDULE_DELAY=500)
    echo "no running gateway found: the bare gateway gets infra/local's default JVM options and agent settings"
  fi
  [ -n "$bare_agent_jar" ] || bare_agent_jar=$(default_agent_jar)
  bare_jvm_opts=("-Xmx${BARE_GATEWAY_HEAP:-${heap:-384m}}" "${bare_jvm_opts[@]}")
  bare_otel_env+=(OTEL_SERVICE_NAME=bare-gateway OTEL_RESOURCE_ATTRIBUTES=service.instance.id=bare-gateway-1)
}

# The agent ./run gives every JVM: infra/local's copy, else the same version in the local Maven repository.
default_agent_jar() {
  local jar="$root/infra/local/target/otel/opentelemetry-javaagent.jar" version
  if [ ! -f "$jar" ]; then
    version=$(sed -n 's|.*<opentelemetry-javaagent.version>\(.*\)</opentelemetry-javaagent.version>.*|\1|p' "$root/pom.xml")
    jar="$HOME/.m2/repository/io/opentelemetry/javaagent/opentelemetry-javaagent/$version/opentelemetry-javaagent-$version.jar"
  fi
  echo "$jar"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# bare_start on|off: starts the bare gateway with or without the agent and waits until it routes $path.
bare_start() {
  local agent=$1 port log status
  port=${BARE_GATEWAY_PORT:-$(free_port)}
  log="$tmp/bare-gateway-agent-$agent.log"
  local -a environment=(CONTENT_URL="$content" BARE_GATEWAY_PORT="$port" SERVER_ADDRESS=127.0.0.1)
  local -a command=("$bare_java" "${bare_jvm_opts[@]}")
  local -a unset_otel=()
  local name
  # only what our gateway has: no OTEL_* of this shell leaks into the bare one
  for name in $(compgen -e | grep '^OTEL_' || true); do unset_otel+=(-u "$name"); done
  if [ "$agent" = on ]; then
    if [ ! -f "$bare_agent_jar" ]; then
      echo "warning: no agent jar at $bare_agent_jar (./mvnw -q -pl infra/local package builds it); skipping" >&2
      return 1
    fi
    command+=("-javaagent:$bare_agent_jar")
    environment+=("${bare_otel_env[@]}")
  fi
  command+=(-jar "$bare_jar")
  env "${unset_otel[@]}" "${environment[@]}" "${command[@]}" >"$log" 2>&1 &
  bare_pid=$!
  bare_url="http://127.0.0.1:$port"
  echo "bare gateway (agent $agent), pid $bare_pid, $bare_url: ${command[*]}"
  local started=$SECONDS
  local deadline=$((SECONDS + ${BARE_GATEWAY_START_TIMEOUT:-180}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$bare_pid" 2>/dev/null; then
      echo "error: the bare gateway exited; its log:" >&2
      tail -n 30 "$log" >&2
      bare_pid=""
      return 1
    fi
    status=$(curl -s -o /dev/null -w '%{http_code}' "$bare_url$path" || true)
    if [ "$status" = 200 ]; then echo "bare gateway routes after $((SECONDS - started)) s"; return 0; fi
    sleep 0.5
  done
  echo "error: the bare gateway does not answer $path with 200 after ${BARE_GATEWAY_START_TIMEOUT:-180} s" \
    "($status; BARE_GATEWAY_START_TIMEOUT); its log:" >&2
  tail -n 30 "$log" >&2
  bare_stop
  return 1
}

bare_stop() {
  [ -n "$bare_pid" ] || return 0
  kill -TERM "$bare_pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    kill -0 "$bare_pid" 2>/dev/null || { bare_pid=""; return 0; }
    sleep 0.25
  done
  kill -KILL "$bare_pid" 2>/dev/null || true
  bare_pid=""
}
