"""Run by the crash test in its own process: one dispatcher pass whose transport delivers a
message (appends it to a file) and then kills the process before the row can be marked sent.

    python -m tests.bot.handoff.crash_worker DATABASE_URL DELIVERED_FILE NOW_ISO
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import datetime

from bot.handoff.dispatcher import Dispatcher
from bot.handoff.transport import OutboundMessage
from storage.store import Store
from tests.bot.handoff.file_transport import FileTransport
from tests.databases import StoreConfig


class SendThenDie(FileTransport):
    def send(self, message: OutboundMessage) -> None:
        super().send(message)
        os.kill(os.getpid(), signal.SIGKILL)


def main(url: str, delivered: str, now: str) -> None:
    store = Store.from_settings(StoreConfig(url))
    Dispatcher(store, SendThenDie(delivered)).run_once(datetime.fromisoformat(now))


if __name__ == "__main__":
    main(*sys.argv[1:4])
