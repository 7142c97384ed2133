"""python -m bench  (make bench)"""
from bench import backbone, emails, journey, load, matching, tokens  # noqa: I001 - bench/__init__ sets the environment first

import logging

from services.shared.config import load_config


def main():
    logging.getLogger("amqp").setLevel(logging.ERROR)  # see services.shared.tracing
    print("Samen op pad benchmarks (figures from this machine; ratios against a baseline "
          "measured in the same run)\n")
    backbone.main()
    matching.main()
    journey.main(load_config())
    load.main(load_config())
    tokens.main(load_config())
    emails.main(load_config())


if __name__ == "__main__":
    main()
