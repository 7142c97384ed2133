"""gunicorn settings for the gateway. gthread workers, because gunicorn 26+ has no eventlet
worker; each thread borrows a long-lived RPC proxy from the pool for its request."""
import os

bind = f"{os.environ.get('GATEWAY_HOST', '127.0.0.1')}:{os.environ.get('GATEWAY_PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("GATEWAY_WORKERS", "2"))
threads = int(os.environ.get("GATEWAY_THREADS", "8"))
timeout = 30
graceful_timeout = 10
accesslog = "-"
logger_class = "gateway.access_log.RedactingLogger"  # no token of a link in a log line
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms %({x-correlation-id}o)s'
