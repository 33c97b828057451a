"""docs/deploy.md lists every environment variable the settings read, so a new setting cannot go undocumented.

(It lives with the demo app because demo owns the deployment guide; it reads files only.)
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
SETTINGS = ROOT / "src" / "chushan" / "config" / "settings.py"
GUIDE = ROOT / "docs" / "deploy.md"
READS = re.compile(r"""(?:environ(?:\.get)?\(|environ\[|env_flag\(|env_list\()\s*["']([A-Z][A-Z0-9_]+)["']""")


def test_every_environment_variable_in_settings_is_in_the_deployment_guide():
    variables = set(READS.findall(SETTINGS.read_text(encoding="utf-8")))
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "CHUSHAN_PRODUCTION"} <= variables
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", GUIDE.read_text(encoding="utf-8"), re.MULTILINE))
    missing = sorted(variables - documented)
    assert not missing, f"add these to the table in docs/deploy.md: {missing}"


def test_the_guide_shows_the_scaled_out_processes():
    guide = GUIDE.read_text(encoding="utf-8")
    for needle in ("celery -A chushan.config worker", "celery -A chushan.config beat", "gunicorn", "upstream",
                   "location /media/", "CSRF_TRUSTED_ORIGINS", "ALLOWED_HOSTS"):
        assert needle in guide
