# Sourced by the benchmark scripts: exports JAVA_HOME as a JDK 21+ (JAVA_HOME if it is one, else Temurin 25).
for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  [ -n "$home" ] && [ -x "$home/bin/java" ] && "$home/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && export JAVA_HOME="$home" && break
done
