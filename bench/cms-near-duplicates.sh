#!/usr/bin/env bash
# JMH benchmark of cms-service's near-duplicate check against a 100,000-item catalogue (p50/p99 per check).
# Starts nothing else; needs only the built test classes. Usage: bench/cms-near-duplicates.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
. bin/jdk.sh
./mvnw -q -pl cms-service -am -DskipTests test-compile
./mvnw -q -pl cms-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/cms-service/target/bench.cp"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "cms-service/target/test-classes:cms-service/target/classes:$(cat cms-service/target/bench.cp)" \
  org.openjdk.jmh.Main NearDuplicateBenchmark -f 1 ${JMH_ARGS:--wi 3 -w 5s -i 5 -r 10s} "$@"
