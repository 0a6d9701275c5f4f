#!/usr/bin/env bash
# Draws docs/images/throughput.png from the end-to-end benchmark's CSV:
#   docs/benchmarks-data/plot-throughput.sh [default-path.csv] [single-path.csv] [out.png]
# The first CSV is a run on the default path (on MariaDB the leased path with two workers); the second
# (a run with -Dbench.partitioned=false) adds its real runs as one more line.
# Needs gnuplot (Debian: apt-get install -y gnuplot-nox).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
csv="${1:-$here/end-to-end-default.csv}"
csv2="${2:-$here/end-to-end-single.csv}"
out="${3:-$here/../images/throughput.png}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for run in keyset-read dry-run executed executed-again; do
  awk -F, -v run="$run" '$2 == run && $3 == "TOTAL" { print $1, $5 }' "$csv" | sort -n > "$tmp/$run.dat"
done
awk -F, '$2 == "executed" && $3 == "TOTAL" { print $1, $5 }' "$csv2" | sort -n > "$tmp/executed-2.dat"
gnuplot <<GP
set terminal pngcairo size 960,600 font "DejaVu Sans,11"
set output "$out"
set title "Trustwatch end to end on embedded MariaDB (2 cores): throughput against book size"
set xlabel "matters in the book"
set ylabel "matters per second"
set logscale x
set format x "%.0s%c"
set xtics ("1k" 1000, "10k" 10000, "100k" 100000, "1M" 1000000)
set xrange [700:1400000]
set yrange [0:*]
set grid
set key top left
plot "$tmp/keyset-read.dat" using 1:2 with linespoints lw 2 pt 7 lc rgb "#7b3294" title "keyset read only", \
     "$tmp/dry-run.dat" using 1:2 with linespoints lw 2 pt 5 lc rgb "#008837" title "dry run (read + rules + planning)", \
     "$tmp/executed.dat" using 1:2 with linespoints lw 2 pt 9 lc rgb "#2166ac" title "real run, default path: leased, 2 workers (+ actions, outbox, audit)", \
     "$tmp/executed-2.dat" using 1:2 with linespoints lw 2 pt 13 lc rgb "#d95f02" title "real run, single path (H2's path)", \
     "$tmp/executed-again.dat" using 1:2 with linespoints lw 2 pt 11 lc rgb "#666666" title "second real run, same day", \
     10000 with lines dt 2 lw 1 lc rgb "#cc0000" title "target: 100k in 10 s, 1M in 100 s"
GP
echo "wrote $out"
