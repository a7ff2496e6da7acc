"""Drill 7: automatic failover with pg_auto_failover (Debian's pg-auto-failover-cli and
postgresql-15-auto-failover): a monitor and two nodes with synchronous replication on loopback.

`chancery serve` uses the formation's URL (`pg_autoctl show uri`: both nodes,
target_session_attrs=read-write). Idempotent writers log letters through it; the primary node dies
hard (its keeper and PostgreSQL killed with SIGKILL, as when a machine is lost); the monitor
notices, promotes the secondary, and the service finds it without a restart. Every acknowledged
write must be on the new primary exactly once. The full form keeps pg_auto_failover's default
timeouts (about 20 s to decide the primary is gone, 30 s before the new one takes writes, so that
the old one surely stopped); the short form shortens them."""

import os
import shutil
import signal
import subprocess
import threading
import time

from . import writers
from .chancery import Chancery, wait_until
from .packages import apt_install
from .cluster import free_port, postgres_bin

DATABASE = "chancery"
SHORT_TIMEOUTS = {   # milliseconds
    "pgautofailover.health_check_period": 1000,
    "pgautofailover.health_check_retry_delay": 500,
    "pgautofailover.health_check_timeout": 1000,
    "pgautofailover.node_considered_unhealthy_timeout": 4000,
    "pgautofailover.primary_demote_timeout": 5000,
}


class Formation:
    """The monitor and the nodes, each a `pg_autoctl … --run` process group of its own."""

    def __init__(self):
        self.bin = postgres_bin()
        self.base = f"/tmp/chancery-drill-autofailover-{os.getpid()}"
        self.root = os.geteuid() == 0
        self.processes = {}
        self.ports = {}

    def _owner(self, argv):
        # The caller's libpq settings would point pg_autoctl elsewhere: a PGHOST left from another
        # cluster made the monitor put its socket in that cluster's (removed) folder.
        unset = [flag for name in LIBPQ_SETTINGS for flag in ("-u", name)]
        environment = ["env", *unset, f"PATH={self.bin}:{os.environ.get('PATH', '')}", f"XDG_CONFIG_HOME={self.base}/config",
                       f"XDG_DATA_HOME={self.base}/share"]
        return (["runuser", "-u", "postgres", "--"] if self.root else []) + environment + argv

    def autoctl(self, *arguments):
        return subprocess.run(self._owner(["pg_autoctl", *arguments]), check=True, capture_output=True, text=True).stdout

    def psql(self, name, database, statement):
        result = subprocess.run([f"{self.bin}/psql", "-X", "-A", "-t", "-h", "127.0.0.1", "-p", str(self.ports[name]),
                                 "-U", "postgres", "-d", database, "-c", statement], capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else None

    def start(self, name, *arguments):
        port = free_port()
        self.ports[name] = port
        log = open(os.path.join(self.base, f"{name}.log"), "w")
        self.processes[name] = subprocess.Popen(
            self._owner(["pg_autoctl", "create", *arguments, "--pgdata", os.path.join(self.base, name),
                         "--pgport", str(port), "--hostname", "127.0.0.1", "--auth", "trust", "--no-ssl", "--run"]),
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def create(self, short):
        shutil.rmtree(self.base, ignore_errors=True)
        os.makedirs(self.base)
        if self.root:
            subprocess.run(["chown", "postgres:", self.base], check=True)
        self.start("monitor", "monitor")
        if not wait_until(lambda: self.psql("monitor", "pg_auto_failover", "SELECT 1") == "1", 60):
            raise RuntimeError("the pg_auto_failover monitor did not start\n" + self.tail("monitor"))
        if short:
            for setting, value in SHORT_TIMEOUTS.items():
                self.psql("monitor", "pg_auto_failover", f"ALTER SYSTEM SET {setting} = {value}")
            self.psql("monitor", "pg_auto_failover", "SELECT pg_reload_conf()")
        monitor = f"postgres://autoctl_node@127.0.0.1:{self.ports['monitor']}/pg_auto_failover?sslmode=disable"
        self.start("node1", "postgres", "--monitor", monitor, "--dbname", DATABASE)
        if not wait_until(lambda: "single" in self.state(), 90):
            raise RuntimeError("the first node did not start\n" + self.tail("node1"))
        self.start("node2", "postgres", "--monitor", monitor, "--dbname", DATABASE)

        def secondary_ready():
            # The standby's base backup waits for a checkpoint: ask for one rather than wait minutes.
            self.psql("node1", "postgres", "CHECKPOINT")
            return self.state().count("secondary") >= 2 and " primary " in self.state()
        if not wait_until(secondary_ready, 120, every=1):
            raise RuntimeError("the second node did not become a secondary\n" + self.state() + self.tail("node2"))
        # pg_auto_failover names its standbys in a quorum (ANY 1 (…)): synchronous all the same.
        if self.psql("node1", DATABASE, "SELECT sync_state FROM pg_stat_replication") not in ("sync", "quorum"):
            raise RuntimeError("replication to the secondary is not synchronous")

    def state(self):
        try:
            return self.autoctl("show", "state", "--pgdata", os.path.join(self.base, "monitor"))
        except subprocess.CalledProcessError:
            return ""

    def url(self):
        uri = self.autoctl("show", "uri", "--pgdata", os.path.join(self.base, "monitor"), "--formation", "default").strip()
        return uri.replace("sslmode=prefer", "sslmode=disable") + "&user=postgres&connect_timeout=2"

    def kill(self, name):
        """SIGKILL to the node's keeper and its PostgreSQL, as when its machine is lost."""
        postmaster = None
        try:
            with open(os.path.join(self.base, name, "postmaster.pid")) as f:
                postmaster = int(f.readline())
        except OSError:
            pass
        os.killpg(self.processes[name].pid, signal.SIGKILL)
        if postmaster:
            try:
                os.kill(postmaster, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.processes[name].wait(10)

    def writable(self, name):
        return self.psql(name, DATABASE, "SELECT NOT pg_is_in_recovery() AND current_setting('default_transaction_read_only') = 'off'") == "t"

    def tail(self, name, lines=20):
        try:
            with open(os.path.join(self.base, f"{name}.log")) as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def destroy(self):
        # Each server's processes, found before anything dies: the monitor's logger and
        # health-check worker outlived a killed postmaster by hours, no longer its children.
        servers = []
        for name in self.processes:
            try:
                with open(os.path.join(self.base, name, "postmaster.pid")) as f:
                    postmaster = int(f.readline())
            except (OSError, ValueError):
                continue
            servers += children_of(postmaster) + [postmaster]
        for name, process in self.processes.items():
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in servers:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.5)
        shutil.rmtree(self.base, ignore_errors=True)


LIBPQ_SETTINGS = ("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGDATA")


def children_of(parent):
    """The ids of the processes whose parent is `parent`, from /proc."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                # The command name, in parentheses, may hold spaces: the fields after it are fixed.
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                children.append(int(entry))
        except (OSError, ValueError, IndexError):
            pass
    return children


class PrimaryWatch(threading.Thread):
    """Notes when the surviving node first accepts writes."""

    def __init__(self, formation, name):
        super().__init__(daemon=True)
        self.formation, self.name = formation, name
        self.writable_at = None
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set() and self.writable_at is None:
            if self.formation.writable(self.name):
                self.writable_at = time.monotonic()
            time.sleep(0.2)


def ensure_installed():
    """pg_auto_failover from Debian, for the server's major version, installed when missing (as root)."""
    major = postgres_bin().rstrip("/").split("/")[-2]
    extension = f"/usr/share/postgresql/{major}/extension/pgautofailover.control"
    if shutil.which("pg_autoctl") and os.path.exists(extension):
        return
    packages = ["pg-auto-failover-cli", f"postgresql-{major}-auto-failover"]
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError("pg_auto_failover is missing; install it with: sudo apt-get install -y " + " ".join(packages))
    apt_install(packages)



def run(settings, clients, after_seconds):
    ensure_installed()
    formation = Formation()
    result = {"name": "automatic failover (pg_auto_failover, synchronous replication)", "clients": clients,
              "monitor_timeouts": "shortened" if settings.short else "pg_auto_failover's defaults"}
    service = None
    try:
        formation.create(settings.short)
        url = formation.url()
        setup = Chancery(settings.binary, url)
        setup.run("db", "migrate", "--no-reference")
        token = setup.token("drill-editor", "editor")
        service = Chancery(settings.binary, url).serve(log_path=os.path.join(settings.workdir, "serve-auto-failover.log"))
        pid = service.pid

        writers.create_correspondents(service.port, token)
        ledger, stop = writers.Ledger(), threading.Event()
        team = [writers.Writer(n, service.port, token, ledger, stop) for n in range(clients)]
        for member in team:
            member.start()
        if not wait_until(lambda: len(ledger.acknowledged) >= 3 * clients, 120):
            raise RuntimeError(f"only {len(ledger.acknowledged)} writes acknowledged before the failover")
        before = len(ledger.acknowledged)

        watch = PrimaryWatch(formation, "node2")
        killed_at = time.monotonic()
        formation.kill("node1")
        watch.start()
        if not wait_until(lambda: ledger.first_acknowledged_after(killed_at + 0.5) is not None, 180, every=0.2):
            raise RuntimeError("no write acknowledged within 180 s of the kill\n" + formation.state())
        time.sleep(after_seconds)
        stop.set()
        for member in team:
            member.join(200)
        watch.stop.set()
        first_write = ledger.first_acknowledged_after(killed_at + 0.5)
        result.update({
            "seconds_without_a_writable_primary": round(watch.writable_at - killed_at, 1) if watch.writable_at else None,
            "seconds_from_kill_to_first_acknowledged_write": round(first_write - killed_at, 1),
            "acknowledged_before_the_kill": before,
            "service_restarted": not (service.alive() and service.pid == pid),
            "final_state": " ".join(line.split("|")[0].strip() + ":" + line.split("|")[-1].strip()
                                     for line in formation.state().splitlines()[2:] if "|" in line),
        })
        survivor = SurvivingNode(formation)
        result.update(writers.account(survivor, DATABASE, ledger))
        failures = writers.accounting_failures(result)
        failures += writers.service_failures(result, before, "the failover")
        result["failures"] = failures
        return result
    except Exception:
        print(formation.state(), formation.tail("monitor"), formation.tail("node2"))
        raise
    finally:
        if service:
            service.stop()
        formation.destroy()


class SurvivingNode:
    """The promoted node, as writers.account reads a cluster."""

    def __init__(self, formation):
        self.formation = formation

    def sql(self, database, statement):
        result = subprocess.run([f"{self.formation.bin}/psql", "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                                 "-h", "127.0.0.1", "-p", str(self.formation.ports["node2"]), "-U", "postgres",
                                 "-d", database, "-c", statement], check=True, capture_output=True, text=True)
        return [line.split("\t") for line in result.stdout.splitlines() if line != ""]
