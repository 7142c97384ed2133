"""Platform configuration: config.yml, every value overridable from the environment."""
import os
from pathlib import Path

import yaml
from nameko.cli.main import setup_yaml_parser

ROOT = Path(__file__).resolve().parents[2]
_parser_ready = False


def config_path() -> Path:
    """The config file in use: $SAMEN_CONFIG, else config.yml at the project root."""
    return Path(os.environ.get("SAMEN_CONFIG") or ROOT / "config.yml")


def load_config(path=None) -> dict:
    """Read the config file, replacing each ${NAME:default} with the environment's value."""
    global _parser_ready
    if not _parser_ready:
        setup_yaml_parser()
        _parser_ready = True
    with open(path or config_path(), encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    return {key: ("" if value is None else value) for key, value in config.items()}


def database_url(config: dict, service: str) -> str:
    """The URL a service connects with: $<SERVICE>_DATABASE_URL, else the shared DATABASE_URL
    as the service's own role (roles.py; DATABASE_ROLES=shared: as the administrator)."""
    from services.shared.roles import service_url
    return service_url(config, service)


def public_base_url(config: dict) -> str:
    """The address applicants and partners reach the gateway at (for links in messages)."""
    return (config.get("PUBLIC_BASE_URL")
            or f"http://127.0.0.1:{os.environ.get('GATEWAY_PORT', '8000')}").rstrip("/")
