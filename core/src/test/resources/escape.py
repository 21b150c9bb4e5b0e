# Escape attempts run INSIDE the sandbox by the isolation tests. Each prints one line:
# "<attempt> REACHED <detail>" or "<attempt> BLOCKED <detail>". Never targets anything but
# addresses the test itself opened (host loopback, its own test-host namespace, host sockets) and
# the terminal the test itself allocated.
import fcntl
import os
import socket
import sys
import termios


def attempt(name, fn):
    try:
        detail = fn()
        print(name, "REACHED", detail, flush=True)
    except OSError as e:
        print(name, "BLOCKED", type(e).__name__, e, flush=True)


def tcp(host, port):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        s.connect((host, int(port)))
        s.sendall(b"escaped")
        return "connected"


def udp(host, port):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.sendto(b"escaped", (host, int(port)))
        return "sent"


def route(host, port):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.connect((host, int(port)))
        return "route exists"


def unix(path):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        s.connect(path)
        s.sendall(b"escaped")
        return "connected"


def abstract(name):
    return unix("\0" + name)


def tty(_):
    fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    os.close(fd)
    return "opened the controlling terminal"


def tiocsti(text):
    """Pushes keystrokes into the input of the controlling terminal, or of any terminal on fds 0-2."""
    targets = []
    try:
        targets.append(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    except OSError:
        pass
    targets += [0, 1, 2]
    error = None
    for fd in targets:
        try:
            for ch in text.encode():
                fcntl.ioctl(fd, termios.TIOCSTI, bytes([ch]))
            return "injected into fd %d" % fd
        except OSError as e:
            error = e
    raise error


KINDS = {"tcp": tcp, "udp": udp, "route": route, "unix": unix, "abstract": abstract, "tty": tty, "tiocsti": tiocsti}

for spec in sys.argv[1:]:
    kind, _, rest = spec.partition("=")
    args = rest.rsplit(":", 1) if kind in ("tcp", "udp", "route") else [rest]
    attempt(spec, lambda: KINDS[kind](*args))
