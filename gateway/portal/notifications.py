"""Messages in the portal: the delivery log, template previews, and (in development) every
message the demo sent, as the mail catcher and the SMS sink kept it."""
import email
import email.policy
import json
import re
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request

from gateway import remote
from gateway.auth import coordinator_page
from gateway.portal.matching import names_for
from services.shared.models import is_uuid
from services.shared.wire.notifications import STATUSES

bp = Blueprint("portal_notifications", __name__, url_prefix="/portal/notifications")
KEPT_FILE = re.compile(r"^\d+\.(eml|json)$")


@bp.route("")
@coordinator_page
def log():
    filters = {key: request.args[key] for key in ("status", "channel", "template", "person_id")
               if request.args.get(key)}
    if filters.get("person_id") and not is_uuid(filters["person_id"]):
        filters.pop("person_id")
    found = remote.call("notifications", "list_deliveries", {**filters, "limit": 200})
    names = names_for([d["person_id"] for d in found])
    templates = remote.call("notifications", "list_templates")
    return render_template("portal/notifications.html", deliveries=found, names=names,
                           filters=filters, statuses=STATUSES, templates=templates)


@bp.route("/templates")
@coordinator_page
def templates():
    return render_template("portal/templates.html", templates=remote.call("notifications", "list_templates"))


@bp.route("/templates/<template>/<language>")
@coordinator_page
def preview(template, language):
    shown = remote.call("notifications", "preview_template", template, language)
    return render_template("portal/preview.html", p=shown,
                           templates=remote.call("notifications", "list_templates"))


@bp.route("/dev")
@coordinator_page
def sent_in_development():
    """What the demo sent, from the mail catcher's and the SMS sink's folders."""
    folder = _dev_folder()
    mails = [_mail_summary(path) for path in _newest(folder / "mail", "*.eml")]
    texts = [{"name": p.name, **json.loads(p.read_text())} for p in _newest(folder / "sms", "*.json")]
    waiting = remote.call("notifications", "get_delivery_summary", {"channel": "sms"})
    return render_template("portal/dev_messages.html", mails=mails, texts=texts, waiting=waiting)


@bp.route("/dev/mail/<name>")
@coordinator_page
def dev_mail(name):
    path = _dev_folder() / "mail" / name
    if not KEPT_FILE.match(name) or not path.is_file():
        abort(404)
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    html = message.get_body(("html",))
    return render_template("portal/dev_mail.html", m=_mail_summary(path),
                           html=html.get_content() if html else "",
                           text=message.get_body(("plain",)).get_content())


def _dev_folder() -> Path:
    folder = current_app.config.get("DEV_MESSAGES_DIR")
    if not folder:
        abort(404)  # only in development: `make run` sets DEV_MESSAGES_DIR
    return Path(folder)


def _newest(folder: Path, pattern: str, most: int = 200) -> list[Path]:
    return sorted(folder.glob(pattern), reverse=True)[:most] if folder.is_dir() else []


def _mail_summary(path: Path) -> dict:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    return {"name": path.name, "to": message["To"], "subject": message["Subject"],
            "date": message["Date"], "languages": message["Content-Language"],
            "calendar": any(p.get_content_type() == "text/calendar" for p in message.iter_attachments())}
