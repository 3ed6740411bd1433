#!/usr/bin/env bash
# One command to see the connector work: ./demo.sh [--follow] [--bootstrap-servers HOSTS] [--postgres URL] [--help]
# Starts a Kafka broker (KRaft), a Kafka Connect worker that loads the packaged plugin through plugin.path, and the
# Genesys Cloud simulator (or, with GENESYS_REGION/GENESYS_CLIENT_ID/GENESYS_CLIENT_SECRET, your Genesys Cloud org);
# backfills a week of 30-minute queue buckets, prints a report and writes an HTML page, and runs the Kafka Streams
# daily rollup (examples/streams) beside it (--no-rollup skips it). Builds what it needs first.
# With --postgres it also lands the records in that PostgreSQL through Debezium's JDBC sink and reads the report
# back from the table.
set -euo pipefail
cd "$(dirname "$0")"

java_bin=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_bin="$JAVA_HOME/bin/java"
fi
if ! command -v "$java_bin" >/dev/null 2>&1; then
  echo "demo: Java 17 or newer is needed and no 'java' was found. Install a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME." >&2
  exit 3
fi
java_version=$("$java_bin" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p')
java_major=${java_version%%.*}
if [ "$java_major" = "1" ]; then java_major=$(echo "$java_version" | cut -d. -f2); fi
if ! [ "$java_major" -ge 17 ] 2>/dev/null; then
  echo "demo: Java 17 or newer is needed (Kafka 4 and the connector); found ${java_version:-an unknown version} at $(command -v "$java_bin"). Install a JDK 17+ or point JAVA_HOME at one." >&2
  exit 3
fi

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p;T;q' pom.xml)
demo_jar="demo/target/kafka-connect-genesys-demo-$version.jar"
plugin_dir="connector/target/plugins/kafka-connect-genesys"

needs_build=false
needs_sink=false
for arg in "$@"; do [ "$arg" = "--rebuild" ] && needs_build=true; done
for arg in "$@"; do case "$arg" in --postgres|--postgres=*) needs_sink=true ;; esac; done
for arg in "$@"; do [ "$arg" = "--help" ] || [ "$arg" = "-h" ] && needs_build=false; done
if [ ! -f "$demo_jar" ] || [ ! -d demo/target/lib ] || [ ! -d "$plugin_dir/lib" ]; then
  needs_build=true
elif [ "$needs_sink" = true ] && [ ! -d demo/target/connect-plugins/debezium-connector-jdbc ]; then
  needs_build=true
elif [ -n "$(find simulator/src connector/src examples/streams/src demo/src pom.xml simulator/pom.xml connector/pom.xml examples/streams/pom.xml demo/pom.xml -newer "$demo_jar" -type f 2>/dev/null | head -1)" ]; then
  needs_build=true
fi
if [ "$needs_build" = true ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "demo: the first run builds the project with Maven, and 'mvn' was not found (apt-get install maven)." >&2
    exit 3
  fi
  echo "==> Building the simulator, the connector's plugin package and the demo (mvn -q -Dmaven.test.skip=true package) ..."
  start=$(date +%s)
  # Tests are neither compiled nor run (mvn -B -ntp verify runs them). Offline first: fast, and it works without a
  # network once the dependencies are cached; then online, which a fresh machine needs once.
  build=(mvn -q -Dmaven.test.skip=true -pl simulator,connector,examples/streams,demo package)
  # --postgres: also Debezium's JDBC sink, unpacked from its plugin package (the warehouse profile).
  if [ "$needs_sink" = true ]; then build+=(-Pwarehouse); fi
  if ! "${build[@]}" -o >/dev/null 2>&1; then
    if ! "${build[@]}"; then
      echo "demo: the build failed (above). Fix it, or run the build yourself: ${build[*]}" >&2
      exit 3
    fi
  fi
  echo "==> Built in $(( $(date +%s) - start )) s"
fi

# exec: the JVM replaces this shell, so Ctrl-C reaches it directly and nothing is left behind.
exec "$java_bin" -Xmx768m -XX:+UseSerialGC -Ddemo.repo.root="$PWD" \
  -cp "$demo_jar:demo/target/lib/*" io.kcg.genesys.demo.DemoMain "$@"
