# Sourced (not executed) by ./run, ./mvnw and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Keeps JAVA_HOME when it is new enough, else takes the newest JDK under /usr/lib/jvm (or TOD_JVM_DIR).
_tod_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
_tod_find_jdk() {
  local required=21 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(_tod_java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge "$required" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in "${TOD_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(_tod_java_major "$candidate")
    if [ "${major:-0}" -ge "$required" ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(_tod_java_major "$candidate")
    [ "${major:-0}" -ge "$required" ] && best="$candidate"
  fi
  [ -n "$best" ] && echo "$best"
}
if _tod_jdk=$(_tod_find_jdk) && [ -n "$_tod_jdk" ]; then
  export JAVA_HOME="$_tod_jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
  unset _tod_jdk
else
  echo "error: no JDK 21 or newer found. Set JAVA_HOME to one, or install one under /usr/lib/jvm" >&2
  echo "       (e.g. apt-get install -y openjdk-21-jdk, or a Temurin 21+ build)." >&2
  return 1 2>/dev/null || exit 1
fi
