"""One progress line on stderr while a sweep runs, ended by a newline when
a point finishes, so the log keeps every point's result."""
import sys
import time


class Progress:
    def __init__(self, name, total):
        self.name = name
        self.total = total
        self.done = 0
        self.failed = 0
        self.t0 = time.monotonic()

    def start(self, label):
        sys.stderr.write("[%s %d/%d, %ds] %s ..."
                         % (self.name, self.done + 1, self.total,
                            time.monotonic() - self.t0, label))
        sys.stderr.flush()

    def finish(self, result):
        self.done += 1
        sys.stderr.write(" %s\n" % result)
        sys.stderr.flush()

    def fail(self, why):
        self.done += 1
        self.failed += 1
        sys.stderr.write(" FAILED: %s\n" % why.strip().splitlines()[-1]
                         if why.strip() else " FAILED\n")
        sys.stderr.flush()
