"""Debian packages a drill needs, installed when missing (as root)."""

import os
import subprocess


def apt_install(packages):
    """apt-get install, after refreshing the package lists when a first try fails (a new machine's are empty)."""
    command = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(command, capture_output=True, env=environment).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True, env=environment)
        subprocess.run(command, check=True, capture_output=True, env=environment)
