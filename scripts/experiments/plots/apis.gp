# netmap against the kernel's APIs: one bar per (medium, direction, peer, api).
# Columns: medium,direction,peer,api,batch,count,packets,elapsed_s,mpps,ratio
set datafile separator ","
set style data histograms
set style fill solid 0.7 border -1
set boxwidth 0.8
set logscale y
set grid ytics
set key off
set xtics rotate by -40 left font ",9"
set bmargin 8
set ylabel "Mpps (packets per 10^9 guest instructions)"
set title "60-byte frames, one guest at -icount 0 (1 GHz, 1 IPC): sockets, PACKET\\_MMAP, pktgen, netmap"
plot datafile using 9:xtic(strcol(1)." ".strcol(2)." ".strcol(3)." ".strcol(4)) every ::1
