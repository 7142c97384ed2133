"""Email over a real SMTP server that demands STARTTLS and a login, as a city's relay would."""
import email
import email.policy
import shutil
import smtplib
import ssl
import subprocess

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from services.notifications.mailer import Mailer, SmtpSettings
from tests.support.platform import free_port


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    if not shutil.which("openssl"):
        pytest.fail("the openssl command is needed to make a test certificate: apt-get install openssl")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return key, cert


class Keep:
    def __init__(self):
        self.messages, self.logins = [], []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        self.logins.append(session.authenticated)
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    fine = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"relay", b"s3cret")
    return AuthResult(success=fine, handled=False)  # handled=False: the server answers 535 itself


@pytest.fixture
def relay(certificate):
    key, cert = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    handler, port = Keep(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=server_context,
                            require_starttls=True, authenticator=authenticator, auth_required=True)
    controller.start()
    yield handler, port, cert
    controller.stop()


def settings(port, cert, **changes) -> SmtpSettings:
    return SmtpSettings(**{"host": "127.0.0.1", "port": port, "sender": "samenoppad@example.org",
                           "user": "relay", "password": "s3cret", "tls": "starttls", "ca_file": str(cert),
                           **changes})


def a_message():
    message = email.message.EmailMessage()
    message["From"], message["To"], message["Subject"] = "samenoppad@example.org", "amina@example.org", "Hallo"
    message.set_content("Dag Amina")
    return message


def test_starttls_and_a_login_get_the_message_through(relay):
    handler, port, cert = relay
    smtp = Mailer(settings(port, cert)).open()
    smtp.send_message(a_message())
    smtp.quit()
    assert [m["Subject"] for m in handler.messages] == ["Hallo"] and handler.logins == [True]


def test_a_certificate_nobody_vouches_for_is_refused(relay):
    handler, port, cert = relay
    with pytest.raises(ssl.SSLCertVerificationError):
        Mailer(settings(port, cert, ca_file="")).open()


def test_a_wrong_password_is_refused(relay):
    handler, port, cert = relay
    with pytest.raises(smtplib.SMTPAuthenticationError):
        Mailer(settings(port, cert, password="wrong")).open()
    assert handler.messages == []
