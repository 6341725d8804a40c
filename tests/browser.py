"""Headless Chromium for the tests and the HTML previews, driven over the DevTools protocol.

Chromium (Debian's ``chromium`` package, which the Makefile installs) runs with
``--remote-debugging-pipe``: the protocol's JSON messages go over two pipes (file
descriptors 3 and 4 of the browser), so there is no port, no listening socket and no
Python dependency beyond the standard library (playwright would download its own browser;
a websocket client would need a port). :func:`visit` opens one page and returns what the
browser saw: the matrix's cells after the page's script ran, every console message,
exception and log entry, every request the page made (a data: URI fetches nothing and is not one), and a screenshot if asked.

Also a command: ``python tests/browser.py PAGE.html OUT.png WIDTH HEIGHT`` takes a
screenshot (what ``make report`` runs for ``reports/previews/``).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
"""The browser, or ``None`` when it is not installed."""

TIMEOUT = 60.0
"""Seconds to wait for any one answer of the browser (the machine may be busy)."""

_TRAMPOLINE = (
    "import os, sys\n"
    "os.dup2(int(sys.argv[1]), 3)\n"
    "os.dup2(int(sys.argv[2]), 4)\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)
"""Put the two pipe ends on descriptors 3 and 4, where Chromium expects them, then exec it."""

_FLAGS = (
    "--headless",
    "--remote-debugging-pipe",
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--mute-audio",
    "--font-render-hinting=none",
    # Belt and braces: a page that slipped past its policy could still resolve no host.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)

CELLS_SCRIPT = """(() => {
  const table = document.querySelector("table.matrix");
  if (!table) return null;
  return Array.from(table.rows)
    .filter((row) => !row.classList.contains("chunk-caption"))
    .map((row) => Array.from(row.cells).flatMap((cell) => {
      const copy = cell.cloneNode(true);
      copy.querySelectorAll(".detail").forEach((part) => part.remove());
      return [copy.textContent, ...Array(cell.colSpan - 1).fill("")];
    }));
})()"""
"""The matrix as the DOM holds it, one list of cell texts per row; a cell spanning columns
is its text and then empty cells, as :meth:`comparekit.layout.Table.grid` has a group row;
a column heading's detail line (the vendor, not part of the grid's heading) left out."""


@dataclass
class Visit:
    """What the browser saw on one page."""

    cells: list[list[str]] | None
    console: list[str] = field(default_factory=list)
    """Console messages, uncaught exceptions and log entries (a blocked request is one)."""
    requests: list[str] = field(default_factory=list)
    """Every URL the page asked for, the page itself excepted."""
    result: Any = None
    """What ``script`` returned, when one was given."""
    png: bytes = b""


class Browser:
    """One headless Chromium, talked to over its DevTools pipe."""

    def __init__(self) -> None:
        if CHROMIUM is None:
            raise RuntimeError("chromium is not installed (apt-get install chromium)")
        self._profile = tempfile.TemporaryDirectory(prefix="comparekit-chromium-")
        to_browser, self._commands = os.pipe()
        self._answers, from_browser = os.pipe()
        # Above 4, so that putting them on 3 and 4 overwrites neither.
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser)]
        for fd in (to_browser, from_browser):
            os.close(fd)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _TRAMPOLINE,
                *map(str, ends),
                CHROMIUM,
                *_FLAGS,
                f"--user-data-dir={self._profile.name}",
                "about:blank",
            ],
            pass_fds=ends,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for fd in ends:
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        """Call ``method`` (in ``session``, a page, if given) and return its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        """The first event ``method`` of ``session``, waiting for it if it has not come yet."""
        while True:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            self.events.append(self._receive())

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._answers], [], [], max(left, 0))
            if not ready:
                raise TimeoutError(f"chromium did not answer within {TIMEOUT:.0f} s")
            chunk = os.read(self._answers, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its DevTools pipe (it crashed or quit)")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        answer: dict[str, Any] = json.loads(message)
        return answer

    def close(self) -> None:
        """Quit the browser and remove its profile."""
        with contextlib.suppress(OSError, RuntimeError, TimeoutError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._answers)
        self._profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def visit(
        self,
        page: Path,
        *,
        width: int = 1280,
        height: int = 900,
        script: str = "",
        screenshot: bool = False,
        scripts: bool = True,
    ) -> Visit:
        """Open ``page`` (a file) in a new tab ``width`` × ``height`` CSS pixels wide (with
        its own scripts off unless ``scripts``), wait for its load event, run ``script`` if
        given, read the matrix and close the tab."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
            session=session,
        )
        if not scripts:
            self.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
        url = page.resolve().as_uri()
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        result = None
        if script:
            result = self._evaluate(script, session)
        cells = self._evaluate(CELLS_SCRIPT, session)
        png = b""
        if screenshot:
            import base64

            data = self.send("Page.captureScreenshot", {"format": "png"}, session=session)
            png = base64.b64decode(data["data"])
        self._evaluate("0", session)  # let every event of the page arrive before closing
        self.send("Target.closeTarget", {"targetId": target})
        mine = [event for event in self.events if event.get("sessionId") == session]
        self.events = [event for event in self.events if event.get("sessionId") != session]
        return Visit(
            cells=cells,
            console=[_said(event) for event in mine if _said(event)],
            requests=[
                event["params"]["request"]["url"]
                for event in mine
                if event.get("method") == "Network.requestWillBeSent"
                and event["params"]["request"]["url"] != url
                # the page's own pictures (its charts) are data: URIs, which fetch nothing
                and not event["params"]["request"]["url"].startswith("data:")
            ],
            result=result,
            png=png,
        )

    def _evaluate(self, expression: str, session: str) -> Any:
        answer = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=session,
        )
        if "exceptionDetails" in answer:
            raise RuntimeError(f"the script failed: {answer['exceptionDetails']}")
        return answer["result"].get("value")


def _said(event: dict[str, Any]) -> str:
    """A console message, an uncaught exception or a log entry as one line; else empty."""
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.consoleAPICalled":
        texts = [str(arg.get("value", arg.get("description", ""))) for arg in params["args"]]
        return f"console.{params['type']}: {' '.join(texts)}"
    if method == "Runtime.exceptionThrown":
        return f"exception: {params['exceptionDetails'].get('text', '')}"
    if method == "Log.entryAdded":
        entry = params["entry"]
        return f"log {entry['level']} ({entry['source']}): {entry['text']}"
    return ""


def visit(page: Path, **settings: Any) -> Visit:
    """Open ``page`` in a browser of its own (see :meth:`Browser.visit` for ``settings``)."""
    with Browser() as browser:
        return browser.visit(page, **settings)


def main(arguments: list[str]) -> int:
    """``PAGE OUT WIDTH HEIGHT [PAGE OUT WIDTH HEIGHT ...]``: screenshots, one browser for all."""
    if not arguments or len(arguments) % 4:
        print("usage: python tests/browser.py PAGE.html OUT.png WIDTH HEIGHT ...", file=sys.stderr)
        return 2
    with Browser() as browser:
        for at in range(0, len(arguments), 4):
            page, out, width, height = arguments[at : at + 4]
            seen = browser.visit(Path(page), width=int(width), height=int(height), screenshot=True)
            if seen.console or seen.requests:
                print(f"{page}: {seen.console + seen.requests}", file=sys.stderr)
                return 1
            Path(out).write_bytes(seen.png)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
