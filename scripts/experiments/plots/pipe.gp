# Pipe rate against batch, one line per client; instructions per packet
# on the right. Columns: client,batch,count,rx_packets,rx_mpps,
# instructions_per_packet
set datafile separator ","
set key top left
set logscale x 2
set grid
set xlabel "batch (packets per system call)"
set multiplot layout 1,2 title "netmap pipe, 60-byte frames, guest clock -icount 0 (1 GHz, 1 IPC)"
sel(c, col) = strcol(1) eq c ? column(col) : NaN
set title "receive rate"
set ylabel "Mpps (packets per 10^9 guest instructions)"
set logscale y
plot for [c in "pkt-gen ringclient"] datafile using 2:(sel(c, 5)) \
     with linespoints title c
set title "cost"
set ylabel "guest instructions per packet"
plot for [c in "pkt-gen ringclient"] datafile using 2:(sel(c, 6)) \
     with linespoints title c
unset multiplot
