"""What needs the coordinator's attention, in numbers: one question to each service, all
three sent at once (the portal's start page and GET /api/v1/overview)."""
from gateway import remote


def overview() -> dict:
    applications, pool, notifications = remote.call_together(
        ("intake", "get_inbox_summary"), ("matching", "get_pool_summary"),
        ("notifications", "get_delivery_summary"))
    return {"applications": applications, "pool": pool, "notifications": notifications}
