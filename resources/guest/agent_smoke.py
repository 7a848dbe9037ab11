#!/usr/bin/env python3
"""Smoke test of the guest agent in real VMs: boots QEMU (TCG) per scenario and speaks PROTOCOL.md to it.

usage: agent_smoke.py AGENT_BINARY KERNEL [WORKDIR]
Builds a busybox initramfs with the agent as /init in WORKDIR (default /tmp/agentlab), boots one VM per scenario,
prints one line per check and exits 1 if any failed. Every QEMU it starts is killed by PID before it returns.
"""
import calendar, os, shutil, socket, struct, subprocess, sys, time, uuid, zlib

HELLO, START, PS, SIGNAL, STATUS, POWEROFF = 1, 2, 3, 4, 5, 6
ATTACH, EXEC, INPUT, RESIZE, DETACH, PING = 0x10, 0x11, 0x12, 0x13, 0x14, 0x15
R_HELLO, R_STARTED, R_PROCESSES, R_OK, R_STATUS, R_ERROR = 0x81, 0x82, 0x83, 0x84, 0x85, 0xFF
R_OPENED, R_OUTPUT, R_EXIT, R_FAILED, R_DETACHED = 0x90, 0x91, 0x92, 0x93, 0x94
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (f"  ({detail})" if detail else ""))
    if not ok:
        failures.append(name)


def frame(kind, strings, magic=b"IS", version=2, data=b""):
    payload = b"".join(s.encode() + b"\0" for s in strings) + data
    header = magic + bytes([version, kind]) + struct.pack(">I", len(payload))
    return header + payload + struct.pack(">I", zlib.crc32(header + payload))


class Vm:
    """One QEMU guest with its four serial ports in a fresh directory."""

    def __init__(self, work, agent_kernel_initrd, name):
        self.dir = os.path.join(work, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        kernel, initrd = agent_kernel_initrd
        sock = os.path.join(self.dir, "agent.sock")
        ports = [f"-chardev file,id=c0,path={self.dir}/console.log", "-serial chardev:c0",
                 f"-chardev socket,id=c1,path={sock},server=on,wait=off", "-serial chardev:c1",
                 f"-chardev file,id=c2,path={self.dir}/out.log", "-serial chardev:c2",
                 f"-chardev socket,id=c3,path={self.dir}/console.sock,server=on,wait=off", "-serial chardev:c3",
                 f"-chardev file,id=c4,path={self.dir}/exit", "-device isa-debugcon,iobase=0xe9,chardev=c4"]
        cmd = ["qemu-system-x86_64", "-name", f"{name},process=vmwp", "-M", "q35", "-accel", "tcg", "-m", "128",
               "-nodefaults", "-no-reboot", "-display", "none", "-kernel", kernel, "-initrd", initrd,
               "-append", "console=ttyS0 quiet panic=-1 isoscope.hostname=" + name] + " ".join(ports).split()
        self.started = time.monotonic()
        self.qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)
        while not os.path.exists(sock):
            time.sleep(0.01)
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(sock)
        self.rx = b""
        self.skipped = 0

    def connect(self, name):
        """A new connection to the socket NAME in place of the current one."""
        self.sock.close()
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(os.path.join(self.dir, name))
        self.rx = b""

    def send(self, data):
        self.sock.settimeout(60)  # a serial line takes its time over a big frame
        self.sock.sendall(data)

    def request(self, kind, *strings):
        self.send(frame(kind, strings))
        return self.receive()

    def receive(self, timeout=10, resync=False):
        """The next frame; a bad one raises, or with resync (before the handshake) is skipped byte by byte."""
        deadline = time.monotonic() + timeout
        while True:
            while self.rx:
                n = struct.unpack(">I", self.rx[4:8])[0] if len(self.rx) >= 8 else 0
                whole = self.rx[:12 + n] if len(self.rx) >= 12 + n else None
                if (not b"IS\x02".startswith(self.rx[:3]) or n > 1 << 20
                        or whole and struct.unpack(">I", whole[-4:])[0] != zlib.crc32(whole[:-4])):
                    if not resync:
                        raise ValueError(f"bad frame {self.rx[:16]!r}")
                    self.rx, self.skipped = self.rx[1:], self.skipped + 1
                    continue
                if not whole:
                    break
                self.rx = self.rx[12 + n:]
                if whole[3] == R_OUTPUT:  # a data frame: session, stream, then bytes
                    session, stream, data = whole[8:-4].split(b"\0", 2)
                    return whole[3], [session.decode(), stream.decode(), data]
                return whole[3], [s.decode() for s in whole[8:-4].split(b"\0")[:-1]]
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no reply")
            self.sock.settimeout(left)
            self.rx += self.sock.recv(65536)

    def handshake(self, timeout=30):
        """Sends HELLO every 200 ms until the agent answers the latest nonce; returns the answer."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            nonce = uuid.uuid4().hex
            self.send(frame(HELLO, [nonce, "isoscope-host"]))
            try:
                while True:
                    kind, s = self.receive(0.2, resync=True)
                    if kind == R_HELLO and s[0] == nonce:
                        return s
            except (TimeoutError, socket.timeout):
                pass
        raise TimeoutError("no HELLO")

    def wait_exit(self, timeout=30):
        try:
            return self.qemu.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def file(self, name):
        with open(os.path.join(self.dir, name), errors="replace") as f:
            return f.read()

    def close(self):
        self.sock.close()
        if self.qemu.poll() is None:
            self.qemu.kill()  # by PID: only the QEMU this test started
            self.qemu.wait()


def build_initrd(work, agent):
    root = os.path.join(work, "root")
    shutil.rmtree(root, ignore_errors=True)
    for d in ("bin", "etc", "tmp"):
        os.makedirs(os.path.join(root, d))
    shutil.copy("/bin/busybox", os.path.join(root, "bin/busybox"))
    for applet in ("sh", "ping", "sleep", "cat", "ls"):
        os.symlink("busybox", os.path.join(root, "bin", applet))
    shutil.copy(agent, os.path.join(root, "init"))
    with open(os.path.join(root, "etc/passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n")
    initrd = os.path.join(work, "initrd.cpio")
    with open(initrd, "wb") as out:
        subprocess.run("find . | cpio -o -H newc --quiet", shell=True, cwd=root, stdout=out, check=True)
    return initrd


def start(vm, cwd, args, env=(), tty=False):
    now = time.time_ns()
    return vm.request(START, str(now // 10**9), str(now % 10**9), "1" if tty else "0", cwd, str(len(args)), *args,
                      str(len(env)), *env)


def scenario_ping(vm):
    s = vm.handshake()
    check("HELLO answered", s[1:] == ["isoscope-agent", "2", "ready", "control"], f"{time.monotonic() - vm.started:.2f} s after launch, {vm.skipped} stray bytes before it")
    vm.send(b"xxIS\x07\x01garbage" + frame(HELLO, ["a", "b"], magic=b"SI"))      # wrong version, wrong magic
    vm.send(frame(HELLO, ["n", "isoscope-host"])[:-1] + b"\x00")                  # bad checksum
    vm.send(b"IS\x02\x01" + struct.pack(">I", (1 << 20) + 1))                      # oversized
    vm.send(b"IS\x02\x01" + struct.pack(">I", 100) + b"0123456789")                # truncated, absorbs what follows
    t = time.monotonic()
    check("HELLO after garbled, oversized and truncated frames", vm.request(HELLO, "n2", "isoscope-host")[1][0] == "n2",
          f"answered after {time.monotonic() - t:.2f} s")
    check("STATUS created", vm.request(STATUS) == (R_STATUS, ["created", "", ""]))
    check("unknown type gets ERROR", vm.request(0x42)[0] == R_ERROR)
    check("malformed START gets ERROR", vm.request(START, "/", "2", "ping")[0] == R_ERROR)
    vm.connect("agent.sock")  # a later engine reconnects
    vm.handshake()
    kind, started = start(vm, "/", ["ping", "-c", "3", "127.0.0.1"], ["PATH=/bin"])
    check("START ping", kind == R_STARTED, str(started))
    kind, s = vm.request(PS)
    rows = [s[1 + 8 * i:9 + 8 * i] for i in range(int(s[0]))]
    ping = [r for r in rows if r[4] == "ping"]
    check("PS shows ping with its guest PID", kind == R_PROCESSES and len(ping) == 1 and ping[0][0] == started[0]
          and ping[0][7] == "ping -c 3 127.0.0.1" and ping[0][3] == "root", str(ping))
    check("PS shows the agent as PID 1", any(r[0] == "1" and r[4] == "init" for r in rows), f"{len(rows)} rows")
    check("STATUS running", vm.request(STATUS) == (R_STATUS, ["running", started[0], ""]))
    check("second START gets ERROR", start(vm, "/", ["sh"])[0] == R_ERROR)
    check("QEMU exits by itself", vm.wait_exit() == 0)
    check("out.log has ping's output", " stdout F 3 packets transmitted, 3 packets received" in vm.file("out.log"))
    check("exit file says 0", vm.file("exit") == "0\n", repr(vm.file("exit")))


def scenario_exit7(vm):
    vm.handshake()
    start(vm, "/work/dir", ["sh", "-c", "pwd; hostname; echo oops >&2; exit 7"])
    check("exit 7: QEMU exits", vm.wait_exit() == 0)
    check("exit file says 7", vm.file("exit") == "7\n", repr(vm.file("exit")))
    records = [line.split(" ", 3) for line in vm.file("out.log").splitlines()]
    check("cwd created, hostname set, stderr apart", [r[1:] for r in records] == [
        ["stdout", "F", "/work/dir"], ["stdout", "F", "exit7"], ["stderr", "F", "oops"]], repr(vm.file("out.log")))
    stamp = records[0][0]
    check("records carry the host's time", stamp.endswith("Z") and abs(
        time.time() - calendar.timegm(time.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S"))) < 30, stamp)


def scenario_signal(vm):
    vm.handshake()
    start(vm, "/", ["sleep", "100"])
    check("SIGNAL to a missing PID gets ERROR", vm.request(SIGNAL, "4000000", "15")[0] == R_ERROR)
    check("SIGNAL 0 15 gets OK", vm.request(SIGNAL, "0", "15") == (R_OK, []))
    check("SIGTERM: QEMU exits", vm.wait_exit() == 0)
    check("exit file says 143", vm.file("exit") == "143\n", repr(vm.file("exit")))


def scenario_not_found(vm):
    vm.handshake()
    start(vm, "/", ["no-such-command"])
    check("missing command: QEMU exits", vm.wait_exit() == 0)
    check("exit file says 127", vm.file("exit") == "127\n", repr(vm.file("exit")))
    check("out.log explains", "no-such-command" in vm.file("out.log"), vm.file("out.log").strip())


def scenario_poweroff(vm):
    vm.handshake()
    check("POWEROFF gets OK", vm.request(POWEROFF) == (R_OK, []))
    check("POWEROFF: QEMU exits", vm.wait_exit() == 0)
    check("no exit code written", vm.file("exit") == "")


def read_output(vm, session, want, timeout=20):
    """Output frames of session until want appears in it; returns all of it."""
    got, deadline = b"", time.monotonic() + timeout
    while want not in got:
        kind, s = vm.receive(max(0.1, deadline - time.monotonic()))
        if kind == R_OUTPUT and s[0] == session:
            got += s[2]
    return got


def scenario_console(vm):
    vm.handshake()
    start(vm, "/", ["sh"], ["PATH=/bin"], tty=True)
    vm.connect("console.sock")
    check("console HELLO names its line", vm.handshake()[4] == "console")
    check("ATTACH opens", vm.request(ATTACH, "1")[0] == R_OPENED)
    vm.send(frame(INPUT, ["1", "0"], data=b"echo hi-$((1+2))\r"))
    check("typed into the terminal, read back", b"hi-3" in read_output(vm, "1", b"hi-3"))
    vm.send(frame(RESIZE, ["1", "100", "30"]) + frame(INPUT, ["1", "0"], data=b"stty size\r"))
    check("resize reaches the terminal", b"30 100" in read_output(vm, "1", b"30 100"))
    vm.send(frame(INPUT, ["1", "0"], data=b"sleep 100\r"))
    time.sleep(1)
    vm.send(frame(INPUT, ["1", "0"], data=b"\x03echo after-$((2+2))\r"))
    check("Ctrl-C interrupts sleep", b"after-4" in read_output(vm, "1", b"after-4"))
    vm.send(frame(EXEC, ["2", "0", "2", "ls", "/"]))
    kind, s = vm.receive()
    while kind == R_OUTPUT and s[0] == "1":  # the attached shell's prompt may come first
        kind, s = vm.receive()
    check("EXEC ls opens", kind == R_OPENED and s[0] == "2", str(s))
    out, code = b"", None
    while code is None:
        kind, s = vm.receive()
        if kind == R_OUTPUT and s[0] == "2":
            out += s[2]
        elif kind == R_EXIT and s[0] == "2":
            code = s[1]
    check("exec ls prints / and exits 0", b"bin" in out and code == "0", f"{out!r} {code}")
    check("EXEC of a missing program fails not-found",
          vm.request(EXEC, "3", "1", "1", "nope")[:2] == (R_FAILED, ["3", "not-found", '"nope": executable file not found in $PATH']))
    check("DETACH answers", vm.request(DETACH, "1") == (R_DETACHED, ["1"]))
    vm.send(frame(INPUT, ["1", "0"], data=b"exit 5\r"))  # to a detached session: goes nowhere
    vm.request(ATTACH, "4")
    vm.send(frame(INPUT, ["4", "0"], data=b"exit 5\r"))
    code = None
    while code is None:
        kind, s = vm.receive()
        if kind == R_EXIT and s[0] == "4":
            code = s[1]
    check("re-attached: exit reaches the host", code == "5", code)
    check("QEMU exits", vm.wait_exit() == 0)
    check("exit file says 5", vm.file("exit") == "5\n", repr(vm.file("exit")))
    check("the terminal's output is logged", " stdout F hi-3" in vm.file("out.log"), vm.file("out.log")[-300:])


def main():
    agent, kernel = sys.argv[1], sys.argv[2]
    work = sys.argv[3] if len(sys.argv) > 3 else "/tmp/agentlab"
    os.makedirs(work, exist_ok=True)
    initrd = build_initrd(work, agent)
    for scenario in (scenario_ping, scenario_exit7, scenario_signal, scenario_not_found, scenario_poweroff,
                     scenario_console):
        vm = Vm(work, (kernel, initrd), scenario.__name__[len("scenario_"):].replace("_", ""))
        try:
            scenario(vm)
        except Exception as e:  # a broken scenario is one failure, the others still run
            check(scenario.__name__, False, repr(e))
        finally:
            vm.close()
    print(f"{len(failures)} failed" if failures else "all passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
