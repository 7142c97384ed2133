"""The info pack (informatiemap): what a duo needs to know, in the reader's language, with the
Dutch text beside it. Each language is one file in templates/public/info/."""
from flask import Blueprint, render_template
from flask_babel import get_locale

bp = Blueprint("info", __name__)


@bp.route("/info")
def pack():
    language = str(get_locale())  # ?lang=, then the cookie, then the browser's languages
    return render_template("public/info.html", content=f"public/info/{language}.html",
                           with_dutch=language != "nl")
