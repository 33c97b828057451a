"""`chushan check --deploy` is clean under the production settings (settings are read from the environment
when the process starts, so the check runs in a process of its own)."""

import os
import subprocess
import sys


def test_the_deployment_checklist_is_clean_in_production(tmp_path):
    env = {**os.environ, "CHUSHAN_PRODUCTION": "1", "SECRET_KEY": "k" * 20 + "-production-secret-0123456789-abcdefgh",
           "ALLOWED_HOSTS": "shop.example.cn", "CHUSHAN_DATA_DIR": str(tmp_path)}
    env.pop("DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "chushan", "check", "--deploy", "--fail-level", "WARNING"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout + done.stderr
