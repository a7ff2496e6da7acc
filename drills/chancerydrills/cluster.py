"""A private PostgreSQL cluster on loopback that a drill may stop, kill and restart at will.

Unlike the test suite's cluster (scripts/test-postgres.sh) it runs with PostgreSQL's durable
defaults (fsync on, full_page_writes on), so a SIGKILL of the postmaster is followed by real crash
recovery. PostgreSQL refuses to run as root, so as root the cluster belongs to `postgres` and lives
under /tmp, which that user can reach."""

import glob
import os
import shutil
import signal
import socket
import subprocess
import time


def postgres_bin():
    explicit = os.environ.get("PG_BIN")
    if explicit:
        return explicit
    found = shutil.which("pg_ctl")
    if found:
        return os.path.dirname(os.path.realpath(found))
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not candidates:
        raise SystemExit("drills: pg_ctl not found (install the 'postgresql' package or set PG_BIN)")
    return candidates[-1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, name):
        self.bin = postgres_bin()
        self.base = f"/tmp/chancery-drill-{name}-{os.getpid()}"
        self.data = os.path.join(self.base, "data")
        self.socket_dir = os.path.join(self.base, "run")
        self.log = os.path.join(self.base, "server.log")
        self.port = free_port()
        self.root = os.geteuid() == 0

    # -- running server binaries as the owner -----------------------------------------------
    def _owner(self, argv):
        return ["runuser", "-u", "postgres", "--"] + argv if self.root else argv

    def _run(self, argv, check=True, **kwargs):
        return subprocess.run(self._owner(argv), check=check, capture_output=True, text=True, **kwargs)

    def _fresh_base(self):
        """An empty folder for the cluster and its socket, which the server's owner can reach."""
        if os.path.exists(self.base):
            shutil.rmtree(self.base)
        os.makedirs(self.socket_dir)
        if self.root:
            subprocess.run(["chown", "-R", "postgres:", self.base], check=True)
        os.chmod(self.base, 0o755)

    def create(self, settings=None):
        self._fresh_base()
        initdb = [f"{self.bin}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        # C.UTF-8 where the C library has it; the C locale otherwise (as scripts/test-postgres.sh).
        if self._run(initdb + ["--locale=C.UTF-8"], check=False).returncode != 0:
            self._run(["rm", "-rf", self.data])
            self._run(initdb + ["--no-locale"])
        conf = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.socket_dir}'",
            "max_connections": "200",
            "shared_buffers": "128MB",
            "log_min_messages": "warning",
        }
        conf.update(settings or {})
        lines = "".join(f"{k} = {v}\n" for k, v in conf.items())
        self._run(["sh", "-c", f"cat >> '{self.data}/postgresql.auto.conf'"], input=lines)
        self.start()
        return self

    def create_standby_of(self, primary):
        """A hot standby streaming from `primary` (a base backup with its recovery settings), on
        this cluster's own port and socket folder, started."""
        self._fresh_base()
        self._run([f"{self.bin}/pg_basebackup", "-D", self.data, "-R", "-X", "stream", "-c", "fast",
                   "-h", primary.socket_dir, "-p", str(primary.port), "-U", "postgres"])
        # The backup carries the primary's own settings: later lines win.
        lines = "".join(f"{k} = {v}\n" for k, v in {
            "port": str(self.port), "unix_socket_directories": f"'{self.socket_dir}'",
            "cluster_name": f"'{os.path.basename(self.base)}'"}.items())
        self._run(["sh", "-c", f"cat >> '{self.data}/postgresql.auto.conf'"], input=lines)
        self.start()
        return self

    def promote(self):
        """Ends recovery: the standby becomes a primary that accepts writes."""
        self._run([f"{self.bin}/pg_ctl", "-D", self.data, "-w", "-t", "60", "promote"])

    def start(self, attempts=40):
        """Starts the server; after a SIGKILL its old children may still hold shared memory for
        a moment, so a refused start is retried."""
        last = None
        for _ in range(attempts):
            result = self._run([f"{self.bin}/pg_ctl", "-D", self.data, "-w", "-t", "60", "-l", self.log, "start"],
                               check=False)
            if result.returncode == 0:
                return
            last = result.stderr + result.stdout
            time.sleep(0.25)
        raise RuntimeError(f"PostgreSQL did not start: {last}\n{self.tail_log()}")

    def stop(self, mode="fast"):
        self._run([f"{self.bin}/pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"], check=False)

    def postmaster_pid(self):
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            return int(f.readline())

    def kill_postmaster(self):
        """SIGKILL to the postmaster: no shutdown checkpoint, the next start runs crash recovery."""
        pid = self.postmaster_pid()
        os.kill(pid, signal.SIGKILL)
        # Wait until the postmaster is gone (its backends notice and exit on their own).
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return pid
            time.sleep(0.02)
        return pid

    def is_ready(self):
        result = subprocess.run([f"{self.bin}/pg_isready", "-h", self.socket_dir, "-p", str(self.port)],
                                capture_output=True)
        return result.returncode == 0

    def destroy(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)

    def tail_log(self, lines=30):
        try:
            with open(self.log) as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    # -- clients ------------------------------------------------------------------------------
    def url(self, database):
        return f"postgresql:///{database}?host={self.socket_dir}&port={self.port}&user=postgres"

    def tcp_address(self):
        return f"127.0.0.1:{self.port}"

    def createdb(self, name):
        subprocess.run([f"{self.bin}/createdb", "-h", self.socket_dir, "-p", str(self.port), "-U", "postgres", name],
                       check=True, capture_output=True, text=True)

    def sql(self, database, statement):
        """Runs one statement through psql and returns its rows as lists of strings."""
        result = subprocess.run([f"{self.bin}/psql", "-h", self.socket_dir, "-p", str(self.port), "-U", "postgres",
                                 "-d", database, "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", statement],
                                check=True, capture_output=True, text=True)
        return [line.split("\t") for line in result.stdout.splitlines() if line != ""]

    def value(self, database, statement):
        rows = self.sql(database, statement)
        return rows[0][0] if rows else None
