"""The built `chancery` binary, run as a user runs it: commands, and `serve` as a process."""

import os
import signal
import subprocess
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Chancery:
    def __init__(self, binary, database_url):
        self.binary = binary
        self.database_url = database_url
        self.extra_environment = {}

    def environment(self):
        env = dict(os.environ)
        for name in ("PGHOST", "PGPORT", "PGDATABASE", "PGUSER"):
            env.pop(name, None)
        env["DATABASE_URL"] = self.database_url
        env["USER"] = "drill"
        env.update(self.extra_environment)
        return env

    def run(self, *arguments, check=True, timeout=600):
        result = subprocess.run([self.binary, *arguments], env=self.environment(), capture_output=True, text=True,
                                timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError(f"chancery {' '.join(arguments)} exited {result.returncode}:\n{result.stderr}")
        return result

    def start(self, *arguments):
        """Starts a command without waiting for it (to be killed, for instance)."""
        return subprocess.Popen([self.binary, *arguments], env=self.environment(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)

    def token(self, name, role):
        return self.run("token", "create", "--name", name, "--role", role).stdout.strip()

    def export_jsonl(self, path):
        """The JSON Lines export's records: its header names the register that wrote it, which
        differs between two databases holding the same records, and is left out."""
        self.run("export", "--format", "jsonl", "--output", path)
        with open(path, "rb") as f:
            header = f.readline()
            if not header.startswith(b'{"type":"chancery-dataset"'):
                raise RuntimeError(f"{path} does not start with a dataset header: {header[:80]!r}")
            return f.read()

    def serve(self, *options, log_path):
        return Service(self, list(options), log_path)


class Service:
    """`chancery serve --port 0`, started once; the drill must never need to restart it."""

    def __init__(self, chancery, options, log_path):
        self.log = open(log_path, "w")
        self.process = subprocess.Popen([chancery.binary, "serve", "--host", "127.0.0.1", "--port", "0", *options],
                                        env=chancery.environment(), stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.port = None
        line_holder = []
        reader = threading.Thread(target=lambda: line_holder.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(120)
        line = line_holder[0] if line_holder else ""
        marker = "http://127.0.0.1:"
        if marker not in line:
            self.stop()
            raise RuntimeError(f"chancery serve did not start: {line!r}; see {log_path}")
        self.port = int(line.split(marker, 1)[1].split("/", 1)[0])
        self.pid = self.process.pid

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        stop_process(self.process)
        self.log.close()


def stop_process(process, grace=30):
    """SIGTERM (a graceful stop, as `docker stop` sends), then SIGKILL after `grace` seconds."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(predicate, timeout, every=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return predicate()
