# Runs a command as a runner on a terminal would: this process becomes a session leader with a
# fresh pseudo-terminal as its controlling terminal, then runs the command (stdin, stdout and
# stderr stay as given). Afterwards it prints what arrived on the terminal's input queue, which
# is where TIOCSTI-injected keystrokes land: "TERMINAL-INPUT <repr of the bytes>".
import fcntl
import os
import subprocess
import sys
import termios

master, slave = os.openpty()
os.setsid()
fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
attrs = termios.tcgetattr(slave)
attrs[3] &= ~(termios.ICANON | termios.ECHO)
attrs[6][termios.VMIN] = 0
attrs[6][termios.VTIME] = 0
termios.tcsetattr(slave, termios.TCSANOW, attrs)
rc = subprocess.call(sys.argv[1:])
print("TERMINAL-INPUT", repr(os.read(slave, 4096)), flush=True)
sys.exit(rc)
