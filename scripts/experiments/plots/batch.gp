# Rate against batch size: tx (left) and rx (right), one line per medium.
# Columns: medium,batch,count,tx_packets,rx_packets,tx_mpps,rx_mpps
set datafile separator ","
set key top left
set logscale x 2
set logscale y
set grid
set xlabel "batch (packets per system call)"
set ylabel "Mpps (packets per 10^9 guest instructions)"
set multiplot layout 1,2 title "netmap pkt-gen, 60-byte frames, guest clock -icount 0 (1 GHz, 1 IPC)"
sel(m, c) = strcol(1) eq m ? column(c) : NaN
set title "transmit"
plot for [m in "pipe veth e1000"] datafile using 2:(sel(m, 6)) \
     with linespoints title m
set title "receive (what arrived)"
plot for [m in "pipe veth e1000"] datafile using 2:(sel(m, 7)) \
     with linespoints title m
unset multiplot
