"""The paper's experiments, run in the nmvm guest: sweeps that measure a
rate at each point of a parameter, write results/<name>/data.csv and
meta.json as they go, and render a gnuplot figure to PNG and SVG.

  session.py   one booted guest for a whole sweep, and the guest-side setup
               (veth pairs, the emulated e1000 pair)
  jobs.py      one measurement: pkt-gen, sock-gen or the kernel's pktgen
  results.py   CSV rows written as they come, meta.json, versions
  progress.py  the progress line
  plot.py      gnuplot to PNG and SVG
  batch.py, clock.py, apis.py   the sweeps (scripts/sweep-*)
"""
