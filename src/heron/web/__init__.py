"""Heron's web app and JSON API (``heron serve``): see docs/WEB.md."""

from heron.web.app import create_app

__all__ = ["create_app"]
