# Rate against clock. Columns: kind,medium,shift,clock_mhz,cores,count,
# tx_packets,rx_packets,tx_mpps. kind=measured: one core, measured;
# kind=model: N x the measured one-core rate (not a measurement).
set datafile separator ","
set key bottom right
set grid
set logscale x 2
set logscale y 2
set xrange [50:1200]
set xtics ("62.5" 62.5, "125" 125, "250" 250, "500" 500, "1000" 1000)
set xlabel "CPU clock (MHz, guest -icount: 2\\^{shift} ns per instruction)"
set ylabel "tx Mpps, 60-byte frames, batch 512"
set title "netmap tx rate against clock: points measured on one vCPU;\ndashed lines are a model (N x measured 1-core rate), not measurements"
# one curve's rows, picked out by awk: a curve of rows interleaved with
# other curves' rows would not join up in gnuplot
rows(k, m, c) = sprintf("< awk -F, '$1==\"%s\" && $2==\"%s\" && $5==%d' '%s'", k, m, c, datafile)
plot 14.88 with lines lw 2 lc rgb "red" title "10 GbE line rate, 14.88 Mpps", \
     for [m in "pipe veth"] rows("measured", m, 1) using 4:9 \
         with linespoints lw 2 pt 7 title m." 1 core (measured)", \
     for [m in "pipe veth"] for [c in "2 4"] rows("model", m, c+0) \
         using 4:9 with lines dt 2 lw 1.5 \
         title m." ".c." cores (model: ".c." x measured 1-core rate)"
