"""What the tests that run the real app share: a private X server and reading what a daemon says
on a pipe (Xvfb its display number, dbus-daemon its address)."""

import os
import subprocess


def read_line(read_end, what):
    """The first line written to the pipe's write end, which the child holds; an error naming what
    when the child closes the pipe without writing one (it did not start)."""
    line = b""
    with os.fdopen(read_end, "rb") as pipe:
        while not line.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                raise RuntimeError(f"{what} did not start")
            line += chunk
    return line.decode().strip()


def start_xvfb():
    """A private Xvfb; the display number is chosen by Xvfb itself. Returns the process and the
    display's name (":5")."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x900x24", "-nolisten", "tcp", "-noreset"],
        pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    return process, ":" + read_line(read_end, "Xvfb")
