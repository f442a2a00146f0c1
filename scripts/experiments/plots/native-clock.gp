# Rate against clock on a native e1000. Columns: mode,shift,clock_mhz,
# count,tx_packets,tx_mpps,instructions_per_packet.
set datafile separator ","
set key bottom right
set grid
set logscale x 2
set logscale y 2
set xrange [50:1200]
set xtics ("62.5" 62.5, "125" 125, "250" 250, "500" 500, "1000" 1000)
set xlabel "CPU clock (MHz, guest -icount: 2\\^{shift} ns per instruction)"
set ylabel "tx Mpps, 60-byte frames, batch 512"
set title "pkt-gen tx on e1000 against clock, one vCPU, measured"
rows(m) = sprintf("< awk -F, '$1==\"%s\"' '%s'", m, datafile)
plot 14.88 with lines lw 2 lc rgb "red" title "10 GbE line rate, 14.88 Mpps", \
     for [m in "native generic"] rows(m) using 3:6 \
         with linespoints lw 2 pt 7 title m." mode"
