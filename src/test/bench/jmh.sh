#!/usr/bin/env bash
# JMH benchmarks of Weft's response path alone (no database, no HTTP): src/test/java/dev/weftbench/jmh.
# SerializationBench builds the JSON of run.sh's cross-database response (100 customers, 1,000 orders) and of
# 10,000 flat orders from rows held in memory, through DirectExecutionStrategy and Jackson, and reports per
# response the time, the CPU time (CpuTimeProfiler: cpu.time.norm of the whole JVM, cpu.worker.norm of the
# benchmark threads; figures that hold on a busy machine) and the bytes allocated (JMH's GC profiler:
# gc.alloc.rate.norm), for source=rows (levels read as rows) and source=json (levels built from the JSON PostgreSQL's
# JSON_AGG would send; Weft's side only).
# ./mvnw verify compiles these classes but never runs them: the harness is generated with the jmh profile.
#
#   bash src/test/bench/jmh.sh                          # from the repository root; ~12 minutes
#   bash src/test/bench/jmh.sh -p response=cross -f 1   # any JMH options (java -jar jmh.jar -h)
#   bash src/test/bench/jmh.sh -p source=json -f 1 -wi 3 -i 5
#   BENCH='SerializationBench.executeAndWrite' bash src/test/bench/jmh.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=target/bench
mkdir -p "$OUT"
source src/test/bench/jdk.sh # from the repository root

echo "== build (JMH harness)"
rm -rf target/test-classes/dev/weftbench/jmh # the processor runs only when these classes are compiled again
./mvnw -q -B -Pjmh test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/jmh-classpath.txt" -Dmdep.includeScope=test
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)"
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat "$OUT/jmh-classpath.txt")" org.openjdk.jmh.Main \
  "${BENCH:-dev.weftbench.jmh}" -prof gc -prof dev.weftbench.jmh.CpuTimeProfiler -rf text -rff "$OUT/jmh.txt" "$@"
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg); results in $OUT/jmh.txt"
