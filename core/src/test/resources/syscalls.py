# Raw system calls made by the seccomp tests, inside a sandbox or on the host. Each argument is
# NAME=NR[=ARG0], or i386-getpid / x32-getpid; each prints "NAME ok RESULT" or "NAME errno ERRNO".
# Every call runs in a forked child, with arguments the kernel rejects (bad pointers, bad fds,
# invalid flags) or that change nothing, so the unsandboxed control run as root is harmless.
import ctypes
import errno
import mmap
import os
import sys

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
BAD = 1  # an address the kernel answers with EFAULT
CLONE_NEWUSER = 0x10000000
SIGCHLD = 17

# Default arguments after the first (the test may give ARG0).
ARGS = {
    "keyctl": (0, -3, 0),  # KEYCTL_GET_KEYRING_ID of the session keyring
    "add_key": (0, 0, 0, 0, 0),
    "request_key": (0, 0, 0, 0),
    "bpf": (-1, 0, 0),
    "userfaultfd": (1,),  # UFFD_USER_MODE_ONLY: allowed to anyone when not filtered
    "perf_event_open": (0, 0, -1, -1, 0),
    "kexec_load": (0, 0, 0, 0xFFFFFFFF),
    "kexec_file_load": (-1, -1, 0, 0, 0),
    "init_module": (0, 0, 0),
    "finit_module": (-1, 0, 0),
    "delete_module": (0, 0),
    "setns": (-1, 0),
    "mount": (0, 0, 0, 0, 0),
    "umount2": (0, 0),
    "pivot_root": (0, 0),
    "open_tree": (-1, 0, 0),
    "move_mount": (-1, 0, -1, 0, 0),
    "fsopen": (0, 0),
    "fsconfig": (-1, 0, 0, 0, 0),
    "fsmount": (-1, 0, 0),
    "fspick": (-1, 0, 0),
    "mount_setattr": (-1, 0, 0, 0, 0),
    "swapon": (0, 0),
    "swapoff": (0,),
    "reboot": (0, 0, 0, 0),  # bad magic
    "syslog": (0, 0, 0),  # SYSLOG_ACTION_CLOSE: a no-op
    "acct": (BAD,),
    "iopl": (4,),
    "ioperm": (0, 0, 0),
    "open_by_handle_at": (-1, 0, 0),
    "name_to_handle_at": (-100, BAD, BAD, BAD, 0),
    "quotactl": (0, 0, 0, 0),
    "quotactl_fd": (-1, 0, 0, 0),
    "lookup_dcookie": (0, 0, 0),
    "clock_settime": (0, 0),
    "settimeofday": (0, 0),  # both NULL: a no-op
    "adjtimex": (0,),
    "clock_adjtime": (0, 0),
    "io_uring_setup": (0, 0),
    "io_uring_enter": (-1, 0, 0, 0, 0, 0),
    "io_uring_register": (-1, 0, 0, 0),
    "uselib": (0,),
    "clone": (CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0),
    "unshare": (CLONE_NEWUSER,),
    "clone3": (0, 0),
    "personality": (0x0040000,),  # ADDR_NO_RANDOMIZE
}


def i386_getpid():
    # mov eax, 20 (getpid in the i386 table); int 0x80; ret
    page = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    page.write(bytes.fromhex("b814000000cd80c3"))
    fn = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(page)))
    result = fn()
    return (result, 0) if result >= 0 else (-1, -result)


def call(spec):
    if spec == "i386-getpid":
        return i386_getpid()
    if spec == "x32-getpid":
        nr, args = 0x40000000 | 39, ()
    else:
        parts = spec.split("=")
        name, nr = parts[0], int(parts[1], 0)
        args = ARGS.get(name.split(":")[0], ())
        if len(parts) > 2:
            args = (int(parts[2], 0),) + tuple(args[1:])
    result = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) for a in args])
    if result == 0 and spec.startswith("clone"):
        os._exit(0)  # the child a successful clone made
    return result, ctypes.get_errno()


for spec in sys.argv[1:]:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        result, err = call(spec)
        os.write(w, ("%d %d" % (result, err)).encode())
        os._exit(0)
    os.close(w)
    answer = os.read(r, 100).decode().split()
    _, status = os.waitpid(pid, 0)
    os.close(r)
    name = spec.split("=")[0]
    if len(answer) != 2:
        print(name, "died", status, flush=True)
    elif int(answer[0]) >= 0:
        print(name, "ok", answer[0], flush=True)
    else:
        print(name, "errno", errno.errorcode.get(int(answer[1]), answer[1]), flush=True)
