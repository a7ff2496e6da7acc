"""A database and `chancery serve` over it on a drill's cluster, with an editor token."""

import os

from .chancery import Chancery


class APIUnderTest:
    def __init__(self, cluster, settings, name, serve_options=()):
        self.cluster = cluster
        self.database = name
        cluster.createdb(name)
        self.chancery = Chancery(settings.binary, cluster.url(name))
        self.chancery.run("db", "migrate", "--no-reference")
        self.token = self.chancery.token("drill-editor", "editor")
        self.log_path = os.path.join(settings.workdir, f"serve-{name}.log")
        self.service = self.chancery.serve(*serve_options, log_path=self.log_path)
        self.pid = self.service.pid

    @property
    def port(self):
        return self.service.port

    def same_process(self):
        """The service is still the one started, never restarted."""
        return self.service.alive() and self.service.pid == self.pid

    def stop(self):
        self.service.stop()
