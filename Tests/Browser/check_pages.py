"""Walks Chancery's web pages in headless Chromium (Debian's, through Playwright) the way a reader
meets them, and fails on what a person would meet: a wrong status, missing content, an axe-core
(WCAG 2.2) violation, a console message other than the page's own status, a page wider than a
phone. Usage: check_pages.py BASE_URL SCREENSHOT_DIR. Exit status 0 when every check holds."""
import os
import shutil
import sys
import urllib.parse

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

# Path, expected status, text the page must show.
PAGES = [
    ("/", 200, "Letters in the register"),
    ("/?text=summit&person=Hun+Sen", 200, "Reply: full support"),
    ("/letters/KH-US-2022-001", 200, "Reply to"),
    ("/letters/US-KH-2022-001", 200, "Answered by"),
    ("/actors/Hun%20Sen", 200, "ហ៊ុន សែន"),
    ("/actors/KH", 200, "Cambodia"),
    ("/?since=sometime", 400, "There is a problem"),
    ("/letters/NO-SUCH-1", 404, "Not found"),
    ("/pending", 200, "Invitations awaiting answers"),
]


def main(base, shots):
    os.makedirs(shots, exist_ok=True)
    failures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        for width in (1280, 360):
            page = browser.new_page(viewport={"width": width, "height": 900})
            messages = []
            page.on("console", lambda message: messages.append(message.text))
            axe = Axe()
            for path, status, text in PAGES:
                messages.clear()
                response = page.goto(base + path)
                where = f"{path} at {width}px"
                if response is None or response.status != status:
                    failures.append(f"{where}: status {response and response.status}, expected {status}")
                if text not in page.inner_text("main"):
                    failures.append(f"{where}: does not show {text!r}")
                # A page answered with an error status logs that status once; nothing else may be logged.
                unexpected = [m for m in messages if status == 200 or "status of" not in m]
                if unexpected:
                    failures.append(f"{where}: console says {unexpected}")
                violations = axe.run(page).response["violations"]
                for violation in violations:
                    targets = [node["target"] for node in violation["nodes"][:3]]
                    failures.append(f"{where}: axe {violation['id']} ({violation['impact']}) at {targets}")
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    failures.append(f"{where}: {overflow}px wider than the window")
                name = urllib.parse.unquote_plus(path).strip("/").translate(str.maketrans("/?&= +", "-_____")) or "register"
                page.screenshot(path=os.path.join(shots, f"{name}-{width}.png"), full_page=True)
            page.close()
        browser.close()
    for failure in failures:
        print(failure)
    print(f"{len(PAGES) * 2} page views checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/"), sys.argv[2]))
