# Sourced by the benchmarks that run the shaded jar directly (needs $here, the project root):
# installs what they need, builds the jar if it is missing, and sets $jar to a private copy in
# $work, a temporary directory removed at exit, so a parallel build cannot swap the jar under a
# running benchmark.
"$here/scripts/setup" --tests
[[ -f "$here/app/target/tansa.jar" ]] || (cd "$here" && mvn -B -q -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jar="$work/tansa.jar"
cp "$here/app/target/tansa.jar" "$here/app/target/tansa-rest.jar" "$work/"
for lib in "$here"/app/target/libduckdb_java.so_*; do # DuckDB's native libraries, loaded from beside the jar
  [[ -e "$lib" ]] && ln -s "$lib" "$work/"
done
