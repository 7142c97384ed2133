"""Process start-up for services and tests. Import this before anything else: order matters.

psycopg 3 picks its wait function when it is first imported; the default (a C loop around
poll) blocks eventlet's hub, so one slow query would stall the whole service. `wait_select`
goes through the monkey-patched `select` and yields to other green threads instead.
"""
import os
import warnings

os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_select")
warnings.filterwarnings("ignore", message="\\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()
