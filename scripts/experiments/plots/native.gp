# Native mode on e1000. Columns: direction,mode,api,batch,count,packets,
# elapsed_s,mpps,instructions_per_packet,ratio. Left: one bar per way of
# moving the frames; right: native tx against batch, and the line rate.
set datafile separator ","
set multiplot layout 1,2 title "e1000 (qemu 82540EM), 60-byte frames, guest clock -icount 0 (1 GHz, 1 IPC)"
# the bars: every tx row at its API's own batch, every rx row
bars = sprintf("< awk -F, 'NR>1 && ($1==\"rx\" || $2!=\"native\" || $4==512)' '%s'", datafile)
set title "per API and mode (tx: peer NIC down)"
set style fill solid 0.6 border -1
set boxwidth 0.7
set logscale y
set yrange [0.05:40]
set grid ytics
set ylabel "Mpps (packets per 10^9 guest instructions)"
set xtics rotate by -30
unset key
plot bars using 0:8:xticlabels(strcol(1)." ".strcol(3)." ".strcol(2)) with boxes lc rgb "#4477aa", \
     bars using 0:8:(sprintf("%.2f", $8)) with labels offset 0,0.7 font ",9"
set title "native tx against batch"
set logscale x 2
set logscale y
set yrange [0.1:40]
set xtics norotate
set xlabel "batch (packets per system call)"
set key top left
curve = sprintf("< awk -F, 'NR>1 && $1==\"tx\" && $2==\"native\"' '%s' | sort -t, -k4,4n", datafile)
plot 14.88 with lines lw 2 lc rgb "red" title "10 GbE line rate, 14.88 Mpps", \
     curve using 4:8 with linespoints lw 2 pt 7 lc rgb "#4477aa" title "pkt-gen tx, native"
unset multiplot
