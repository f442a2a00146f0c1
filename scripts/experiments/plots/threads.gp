# Transmit rate against pkt-gen threads on a 4-queue veth pair.
# Columns: threads,count,tx_packets,tx_mpps,peer_rx,lost,delivered_mpps
set datafile separator ","
set key top left
set grid
set xrange [0.5:4.5]
set xtics 1
set yrange [0:*]
set xlabel "pkt-gen -p threads (one tx ring each)"
set ylabel "Mpps (packets per 10^9 guest instructions)"
set title "tx on a 4-queue veth, generic adapter, -icount 0: one vCPU, threads take turns\n(cost per packet as threads are added, not parallel speedup)"
plot datafile using 1:4 every ::1 with linespoints title "taken by the driver (tx rate)", \
     datafile using 1:7 every ::1 with linespoints title "received by the peer"
