# pkt-gen -R accuracy: error of the achieved rate against the target.
# Columns: target_pps,count,achieved_pps,error_percent,worst_interval_error_percent
set datafile separator ","
set key top left
set grid
set logscale x
set xlabel "-R target (packets per second of guest clock)"
set ylabel "error (%)"
set yrange [-2:2]
set title "pkt-gen -R accuracy over a netmap pipe, -icount 0 guest clock"
plot datafile using 1:4 every ::1 with linespoints title "whole run", \
     datafile using 1:5 every ::1 with linespoints title "worst whole 1 s interval (|error|)", \
     1 with lines dashtype 2 title "+1%", -1 with lines dashtype 2 title "-1%"
