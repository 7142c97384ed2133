"""Every API operation fuzzed from the OpenAPI document (schemathesis): no answer is a 5xx,
and every answer is one the document lists, with the content type and the body it describes."""
import os
import re
import subprocess
import sys

import requests

from tests.support.applicants import applied, approved

CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance", "response_headers_conformance")


def some_of_everything(fresh, api):
    """Records in every list (applications, pool, proposals, messages, audit, tokens), so
    their items are checked against the document too, not only empty pages."""
    amina = approved(fresh, api, "participant", language="ar")
    lotte = approved(fresh, api, "buddy", language="nl")
    applied(fresh, role="buddy")
    proposed = api.post(fresh.url("/api/v1/matching/proposals"),
                        json={"buddy_id": lotte["person_id"], "participant_id": amina["person_id"]})
    assert proposed.status_code == 201, proposed.text
    assert api.get(fresh.url(f"/api/v1/people/{amina['person_id']}/export")).status_code == 200


def test_every_generated_request_gets_a_documented_answer(fresh, api, token):
    some_of_everything(fresh, api)
    seed = os.environ.get("FUZZ_SEED", "20261127")  # fixed, so CI is reproducible
    result = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", fresh.url("/api/v1/openapi.json"),
         "--url", fresh.url(""), "--checks", ",".join(CHECKS), "--max-examples", "30", "--seed", seed, "--workers", "2",
         "-H", f"Authorization: Bearer {token}", "--no-color"],
        capture_output=True, text=True, timeout=600)
    print(result.stdout[-3000:])
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-2000:]
    selected = re.search(r"Selected: (\d+)/(\d+)", result.stdout)
    tested = re.search(r"Tested: (\d+)", result.stdout)
    assert selected.group(1) == selected.group(2) == tested.group(1), "every operation fuzzed"
    assert requests.get(fresh.url("/healthz"), timeout=10).status_code == 200, "still healthy"
