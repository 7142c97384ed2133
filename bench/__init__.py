"""`make bench`: figures measured on this machine, each beside a baseline measured in the same
run, so the ratios mean something wherever they are run. Uses its own vhost and database."""
import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(32))  # a throwaway, for this run only
os.environ.update({
    "AMQP_URI": os.environ.get("BENCH_AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/samenoppad_bench"),
    "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL",
                                   "postgresql+psycopg://postgres@127.0.0.1:5432/samenoppad_bench"),
    "LOG_LEVEL": "WARNING",
})
