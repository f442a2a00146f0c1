# netmap against the kernel's APIs: one bar per (medium, direction, peer,
# api), netmap's bars in a colour of their own.
# Columns: medium,direction,peer,api,batch,count,packets,elapsed_s,mpps,ratio,peer_rx,lost
set datafile separator ","
set style fill solid 0.8 border -1
set boxwidth 0.75
set logscale y
set yrange [0.01:20]
set xrange [-0.7:*]
set grid ytics
set key off
set xtics rotate by -45 left font ",8" nomirror
set bmargin 9
set rmargin 8
set ylabel "Mpps (packets per 10^9 guest instructions)"
set title "60-byte frames, one guest at -icount 0 (1 GHz, 1 IPC): sockets, PACKET\\_MMAP, in-kernel pktgen and netmap (dark)\nmedium, direction, peer (stack / ingress-drop / link-down for tx; rx: one fixed sender), api"
colour(api) = api eq "netmap" ? 0xb03000 : 0x7090c0
plot datafile every ::1 using 0:9:(colour(strcol(4))):xtic(strcol(1)." ".strcol(2)." ".strcol(3)." ".strcol(4)) with boxes lc rgb variable
