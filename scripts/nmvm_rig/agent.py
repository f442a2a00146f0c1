"""Guest agent: runs inside the nmvm guest and executes the host's commands.

It speaks newline-delimited JSON over a virtio-serial port named
``nmvm.agent``. The host sends one request at a time:

    {"argv": [...], "cwd": "/path", "timeout": 60}   run a command
    {"shutdown": true}                                 power the guest off

and the agent answers with any number of output chunks followed by the
exit status (negative: killed by that signal; 124: timed out):

    {"out": "text"} ... {"rc": 0}

Standard library only: it runs on the host's python3, shared into the guest.
"""
import glob
import json
import os
import signal
import subprocess
import threading
import time

PORT_NAME = "nmvm.agent"


def find_port():
    for name_file in glob.glob("/sys/class/virtio-ports/*/name"):
        with open(name_file) as f:
            if f.read().strip() == PORT_NAME:
                return "/dev/" + name_file.split("/")[-2]
    raise SystemExit("nmvm agent: no virtio port named " + PORT_NAME)


class Channel:
    def __init__(self, path):
        self.fd = os.open(path, os.O_RDWR)
        self.pending = b""

    def send(self, obj):
        data = (json.dumps(obj) + "\n").encode()
        while data:
            n = os.write(self.fd, data)
            data = data[n:]

    def receive(self):
        while b"\n" not in self.pending:
            chunk = os.read(self.fd, 65536)
            if not chunk:
                # virtio-serial reads 0 while the host end is not
                # connected; the host always ends with a shutdown request.
                time.sleep(0.2)
                continue
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return json.loads(line)


def run(channel, request):
    try:
        proc = subprocess.Popen(
            request["argv"], cwd=request.get("cwd") or "/",
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, start_new_session=True,
            env=dict(os.environ, **request.get("env", {})))
    except OSError as e:
        channel.send({"out": "nmvm agent: cannot run %s: %s\n"
                      % (request["argv"][0], e.strerror)})
        channel.send({"rc": 127})
        return
    timed_out = []

    def expire():
        timed_out.append(True)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(request.get("timeout", 600), expire)
    timer.start()
    while True:
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break
        channel.send({"out": chunk.decode("utf-8", "replace")})
    rc = proc.wait()
    timer.cancel()
    if timed_out:
        channel.send({"out": "nmvm agent: command timed out after %ss\n"
                      % request.get("timeout")})
        rc = 124
    channel.send({"rc": rc})


def main():
    channel = Channel(find_port())
    channel.send({"ready": os.uname().release})
    while True:
        request = channel.receive()
        if request is None or request.get("shutdown"):
            return
        run(channel, request)


if __name__ == "__main__":
    main()
