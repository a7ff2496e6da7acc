"""Walks Chancery's web pages in headless Chromium (Debian's, through Playwright) the way a reader
meets them, and fails on what a person would meet: a wrong status, missing content, an axe-core
(WCAG 2.2) violation, a console message other than the page's own status, a page wider than a
phone. Then walks an editor's day (sign in, search, narrow, follow a thread, log a reply, meet a
conflict, sign out) asserting what each step shows.
Usage: check_pages.py BASE_URL SCREENSHOT_DIR [PASSWORD]: with PASSWORD, the accounts `editor` and
`admin` share it and the walk runs too. Exit status 0 when every check holds."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

# Path, expected status, text the page must show.
PAGES = [
    ("/", 200, "Letters in the register"),
    ("/?text=summit&person=Hun+Sen", 200, "Reply: full support"),
    ("/letters/KH-US-2022-001", 200, "Thread (3 letters)"),
    ("/letters/US-KH-2022-001", 200, "Thread (3 letters)"),
    ("/letters/US-ASEAN-2022-001", 200, "Invitations it carries"),
    ("/?between=KH,US&from=KH", 200, "Reply: full support"),
    ("/actors/Hun%20Sen", 200, "ហ៊ុន សែន"),
    ("/actors/KH", 200, "Cambodia"),
    ("/?since=sometime", 400, "There is a problem"),
    ("/letters/NO-SUCH-1", 404, "Not found"),
    ("/pending", 200, "Invitations awaiting answers"),
    ("/invitations/INV-US-2022-001", 200, "Carried by"),
    ("/invitations", 200, "1 of 2 answered"),
    ("/invitations?answers=awaited", 200, "awaiting an answer"),
    ("/sources", 200, "Letters from it"),
    ("/sources/1", 200, "Records citing it"),
    ("/sources?kind=poem", 400, "unknown kind of source"),
    ("/sign-in", 200, "Sign in"),
    ("/timeline?between=US,KH", 200, "KH-US-2022-001"),
]


def validate_html(sources, failures):
    """Every page's HTML through the Nu HTML Checker (vnu.jar, from PyPI's vnujar), errors only."""
    import vnujar
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, html in sources.items():
            path = os.path.join(folder, re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".html")
            with open(path, "w", encoding="utf-8") as file:
                file.write(html)
            files.append(path)
        result = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "gnu", *files],
                                capture_output=True, text=True, timeout=180)
        for line in (result.stdout + result.stderr).splitlines():
            if line.strip():
                failures.append("html: " + line.replace(folder + os.sep, ""))
        if result.returncode != 0 and not (result.stdout + result.stderr).strip():
            failures.append(f"html: the validator exited with {result.returncode}")
    return len(files)


def check_page(page, axe, where, failures):
    """What every page must hold wherever it is met: no axe violation, no page wider than the window."""
    for violation in axe.run(page).response["violations"]:
        targets = [node["target"] for node in violation["nodes"][:3]]
        failures.append(f"{where}: axe {violation['id']} ({violation['impact']}) at {targets}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        failures.append(f"{where}: {overflow}px wider than the window")


def fonts_for(page, selector):
    """The fonts Chromium drew an element's text with (DevTools' CSS.getPlatformFontsForNode): a
    script without a font shows as empty boxes, which only this tells apart from letters."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            return []
        return [font["familyName"] for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
    finally:
        session.detach()


def expect_script_drawn(page, selector, script, failures, where):
    fonts = fonts_for(page, selector)
    expect(any(script in family for family in fonts), failures, f"{where}: {script} text is drawn with {fonts}, no {script} font")


def wait_for_fragments(page, seconds=10):
    """Waits until the page's script has replaced every placeholder with what it fetched."""
    for _ in range(seconds * 10):
        if page.locator("[data-fragment]").count() == 0:
            return True
        page.wait_for_timeout(100)
    return False


def expect(condition, failures, message):
    if not condition:
        failures.append(message)


def sign_in(page, base, name, password):
    page.goto(base + "/sign-in")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def walk(browser, base, shots, password, failures, sources):
    """An editor's day, step by step; each step asserts what the page shows and keeps a screenshot."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    axe = Axe()
    step = [0]

    def shot(name):
        step[0] += 1
        page.screenshot(path=os.path.join(shots, f"walk-{step[0]:02d}-{name}.png"), full_page=True)
        sources[f"walk-{name}"] = page.content()

    page.goto(base + "/letters/new")
    expect("/sign-in" in page.url, failures, f"walk: the new-letter form opened without signing in ({page.url})")
    page.get_by_label("Name").fill("editor")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect("The name or the password is wrong." in page.inner_text("main"), failures, "walk: a wrong password is not reported")
    check_page(page, axe, "walk: refused sign-in", failures)
    shot("sign-in-refused")
    expect(page.get_by_label("Name").input_value() == "editor", failures, "walk: the refused form lost the name")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    expect(page.url.endswith("/letters/new"), failures, f"walk: signing in did not return to the form ({page.url})")
    expect("Signed in as editor" in page.inner_text("header"), failures, "walk: the header does not say who is signed in")
    check_page(page, axe, "walk: new-letter form", failures)
    shot("new-letter-form")

    page.goto(base + "/")
    page.get_by_label("Search the register").fill("summit")
    page.get_by_label("Search the register").press("Enter")
    page.wait_for_load_state()
    expect("text=summit" in page.url, failures, f"walk: the search is not in the address ({page.url})")
    expect("KH-US-2022-001" in page.inner_text("main"), failures, "walk: searching 'summit' does not list KH-US-2022-001")
    page.get_by_label("Country (ISO code or name)").fill("KH")
    page.get_by_role("button", name="Show letters").click()
    page.wait_for_load_state()
    expect("country=KH" in page.url and "text=summit" in page.url, failures, f"walk: narrowing by KH lost a filter ({page.url})")
    listed = page.inner_text("main")
    expect("KH-US-2022-001" in listed and "US-ASEAN-2022-001" not in listed, failures, "walk: narrowing by KH shows the wrong letters")
    shot("register-summit-KH")
    page.get_by_role("link", name="Reply: full support", exact=False).first.click()
    page.wait_for_load_state()
    expect(page.url.endswith("/letters/KH-US-2022-001"), failures, f"walk: the letter link went to {page.url}")
    page.get_by_role("link", name="US-KH-2022-001").first.click()
    page.wait_for_load_state()
    expect(page.url.endswith("/letters/US-KH-2022-001"), failures, f"walk: the thread link went to {page.url}")
    wait_for_fragments(page)
    expect("KH-US-2022-001" in page.inner_text(".thread"), failures, "walk: US-KH-2022-001 does not show its answer")
    page.go_back()
    page.wait_for_load_state()
    expect(page.url.endswith("/letters/KH-US-2022-001"), failures, f"walk: Back went to {page.url}")

    page.get_by_role("link", name="Log a reply").click()
    page.wait_for_load_state()
    expect(page.get_by_label("From").input_value().startswith("Joe Biden"), failures, "walk: the reply is not prefilled from the letter")
    # The script says how a date reads while it is typed, and suggests names for a line.
    page.get_by_label("Date sent (EDTF)").fill("2022-01/2022-04")
    try:
        # A locator wait, not wait_for_function: the page's CSP forbids the eval that would need.
        page.locator("#date-reading", has_text="month range").wait_for(timeout=5000)
        expect("Jan–Apr 2022, month range" in page.inner_text("#date-reading"), failures, "walk: the date reads wrongly")
    except Exception as error:
        failures.append(f"walk: no reading of the date appeared ({error})")
    page.get_by_label("Copies to (cc)").press_sequentially("Indo")
    try:
        page.get_by_role("button", name="Indonesia").click(timeout=5000)
        expect(page.get_by_label("Copies to (cc)").input_value() == "Indonesia | ", failures,
               f"walk: choosing a suggestion gave {page.get_by_label('Copies to (cc)').input_value()!r}")
    except Exception as error:
        failures.append(f"walk: no name suggestion appeared ({error})")
    page.get_by_label("Encloses (references)").press_sequentially("us-as")
    try:
        page.get_by_role("button", name="US-ASEAN-2022-001", exact=False).click(timeout=5000)
        expect(page.get_by_label("Encloses (references)").input_value() == "US-ASEAN-2022-001", failures,
               f"walk: choosing a letter gave {page.get_by_label('Encloses (references)').input_value()!r}")
    except Exception as error:
        failures.append(f"walk: no letter suggestion appeared ({error})")
    page.get_by_label("Encloses (references)").fill("")
    shot("new-letter-suggestions")
    page.get_by_label("Copies to (cc)").fill("")
    page.get_by_label("Date sent (EDTF)").fill("2022-13")
    page.get_by_role("button", name="Save the letter").click()
    page.wait_for_load_state()
    expect(page.locator("#date-error").count() == 1, failures, "walk: a bad date is not reported beside the field")
    expect(page.get_by_label("Subject").input_value().startswith("Reply: full support"), failures, "walk: the subject typed was lost")
    check_page(page, axe, "walk: rejected form", failures)
    shot("new-letter-rejected")
    page.get_by_label("Subject").fill("Thanks for Cambodia’s support; see you in Washington")
    page.get_by_label("Date sent (EDTF)").fill("2022-05?")
    page.get_by_label("Address (URL)").fill("https://example.org/biden-reply")
    page.get_by_label("Title").fill("Biden answers Hun Sen")
    page.get_by_label("Quote supporting the record").fill("The President thanked the Prime Minister.")
    page.get_by_role("button", name="Save the letter").click()
    page.wait_for_load_state()
    logged = page.url
    text = page.inner_text("main")
    expect("/letters/US-KH-2022-" in logged, failures, f"walk: saving did not show the new letter ({logged})")
    expect("Thanks for Cambodia’s support" in text and "2022-05?" in text and "The President thanked" in text, failures,
           "walk: the new letter's page lacks its subject, date or quote")
    wait_for_fragments(page)
    thread = page.inner_text(".thread")
    expect("reply" in thread and "KH-US-2022-001" in thread, failures, "walk: the new letter's thread does not show it answers KH-US-2022-001")
    shot("reply-logged")
    page.get_by_role("link", name="Timeline of US–KH correspondence").click()
    page.wait_for_load_state()
    new_ref = logged.rsplit("/", 1)[-1]
    expect("between=US%2CKH" in page.url, failures, f"walk: the pair's timeline link went to {page.url}")
    expect(new_ref in page.inner_text("main"), failures, f"walk: {new_ref} is not on the US–KH timeline")
    expect(page.locator("figure.chart svg").count() == 1, failures, "walk: the timeline has no chart")
    check_page(page, axe, "walk: timeline", failures)
    shot("timeline-US-KH")

    other = browser.new_context(viewport={"width": 1280, "height": 900})
    second = other.new_page()
    sign_in(second, base, "admin", password)
    page.goto(logged + "/edit")
    second.goto(logged + "/edit")
    page.get_by_label("Subject").fill("Thanks (first edit)")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_load_state()
    second.get_by_label("Subject").fill("Thanks (second edit)")
    second.get_by_role("button", name="Save changes").click()
    second.wait_for_load_state()
    conflict = second.inner_text("main")
    expect("while you were editing" in conflict and "Thanks (first edit)" in conflict and "Thanks (second edit)" in conflict,
           failures, "walk: the second save does not show the conflict with both versions")
    check_page(second, Axe(), "walk: conflict page", failures)
    second.screenshot(path=os.path.join(shots, "walk-conflict.png"), full_page=True)
    sources["walk-conflict"] = second.content()
    page.reload()
    expect("Thanks (first edit)" in page.inner_text("h1"), failures, "walk: the first edit was overwritten")
    other.close()

    # Import: the CMIF example edition with one impossible date.
    fixture = os.path.join(os.path.dirname(__file__), "..", "ChanceryInterchangeTests", "Fixtures", "cmif", "example01_basic.xml")
    with open(fixture, encoding="utf-8") as file:
        edition = file.read().replace('notBefore="1810-07-11"', 'notBefore="1810-13-11"')
    upload = os.path.join(tempfile.mkdtemp(), "edition.xml")
    with open(upload, "w", encoding="utf-8") as file:
        file.write(edition)
    page.get_by_role("link", name="Import").click()
    page.wait_for_load_state()
    page.get_by_label("File").set_input_files(upload)
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    report = page.inner_text("main")
    expect("nothing has been written yet" in report and "Rejected records" in report and "1810-13-11" in report, failures,
           "walk: the import check does not report the rejected record")
    check_page(page, axe, "walk: import report", failures)
    shot("import-report")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the rejected records").click()
    expect(download.value.suggested_filename == "rejected.xml", failures,
           f"walk: the rejected records download is named {download.value.suggested_filename}")
    page.get_by_role("button", name="Import the valid records", exact=False).click()
    page.wait_for_load_state()
    expect("Imported." in page.inner_text("main"), failures, "walk: importing the valid records did not say so")
    shot("import-done")

    # Article intake: the founding article pasted, its drafts beside its marked sentences, all kept.
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "Data", "founding-article.txt"), encoding="utf-8") as file:
        founding_article = file.read()
    page.get_by_role("link", name="Article intake").click()
    page.wait_for_load_state()
    check_page(page, axe, "walk: intake form", failures)
    page.get_by_label("Article text").fill(founding_article)
    page.get_by_label("Publication day (optional)").fill("2022-02-14")
    page.get_by_role("button", name="Read the article").click()
    page.wait_for_load_state()
    drafts_text = page.inner_text("main")
    expect("Nothing has been written yet" in drafts_text and "From: Joe Biden, President, for United States" in drafts_text, failures,
           "walk: intake does not show Biden's letter among its drafts")
    expect(page.locator("ol.sentences mark").count() >= 5, failures, "walk: intake marks too few supporting sentences")
    check_page(page, axe, "walk: intake drafts", failures)
    shot("intake-drafts")
    page.locator("fieldset.draft a").first.click()
    expect(page.url.split("#")[-1].startswith("s-"), failures, "walk: a draft's sentence link does not lead to the sentence")
    page.get_by_role("button", name="Import the kept drafts").click()
    page.wait_for_load_state()
    expect("The drafts you kept are in the register." in page.inner_text("main"), failures, f"walk: intake import did not say so: {page.inner_text('main')[:400]}")
    shot("intake-done")

    # The register's other records: a state refused for a bad id, then saved; a person; an office.
    page.get_by_role("link", name="New actor").click()
    page.wait_for_load_state()
    page.get_by_label("Kind").select_option("state")
    page.get_by_label("Name", exact=True).fill("India")
    page.get_by_label("Other names (one per line)").fill("भारत\nBharat")
    page.get_by_label("ISO 3166 code (states only)").fill("IN")
    page.get_by_label("Wikidata id").fill("Q668x")
    page.get_by_role("button", name="Save the actor").click()
    page.wait_for_load_state()
    expect(page.locator("#wikidata-error").count() == 1, failures, "walk: a bad Wikidata id is not reported beside the field")
    expect(page.get_by_label("Other names (one per line)").input_value() == "भारत\nBharat", failures,
           "walk: the refused actor form lost the other names")
    check_page(page, axe, "walk: refused actor form", failures)
    shot("actor-refused")
    page.get_by_label("Wikidata id").fill("Q668")
    page.get_by_role("button", name="Save the actor").click()
    page.wait_for_load_state()
    expect(page.url.endswith("/actors/India"), failures, f"walk: saving the actor went to {page.url}")
    expect_script_drawn(page, "#other-names", "Devanagari", failures, "walk: India's other names")
    expect("भारत" in page.inner_text("main") and "Q668" in page.inner_text("main"), failures,
           "walk: the new state's page lacks its other name or id")
    page.get_by_role("link", name="New actor").click()
    page.wait_for_load_state()
    page.get_by_label("Name", exact=True).fill("Narendra Modi")
    page.get_by_role("button", name="Save the actor").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Add an office held").click()
    page.wait_for_load_state()
    expect(page.get_by_label("Holder").input_value() == "Narendra Modi", failures, "walk: the office form is not filled with the actor")
    page.get_by_label("Office").fill("Prime Minister")
    page.get_by_label("Of (state or organization)").fill("India")
    page.get_by_label("Period (EDTF)").fill("2014-05-26/..")
    check_page(page, axe, "walk: office form", failures)
    shot("office-form")
    page.get_by_role("button", name="Save the office").click()
    page.wait_for_load_state()
    expect(page.url.endswith("/actors/Narendra%20Modi"), failures, f"walk: saving the office went to {page.url}")
    expect("Prime Minister, India" in page.inner_text("main"), failures, "walk: the office is not on the actor's page")

    # A letter's parts: a copy added to the reply logged above.
    page.goto(logged + "/parts")
    page.get_by_label("Role").select_option("cc")
    page.get_by_label("Participant").fill("Indonesia")
    page.get_by_role("button", name="Add the participant").click()
    page.wait_for_load_state()
    expect("copy to\tIndonesia" in page.inner_text("#who ~ table, table") or "Indonesia" in page.inner_text("main table"), failures,
           "walk: the copy to Indonesia is not listed")
    check_page(page, axe, "walk: letter parts", failures)
    shot("letter-parts")

    page.goto(base + "/sources")
    page.get_by_role("link", name="Exchange of Correspondence Between Cambodia’s Prime Minister , 2022 ASEAN Chair and US President Joe Biden").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Correct this source").click()
    page.wait_for_load_state()
    page.get_by_label("Address (http or https; empty for none)").fill("ftp://example.org/article")
    page.get_by_label("Publisher").fill("Khmer Times")
    page.get_by_role("button", name="Save corrections").click()
    page.wait_for_load_state()
    expect(page.locator("#url-error").count() == 1, failures, "walk: a bad source address is not reported beside the field")
    expect(page.get_by_label("Publisher").input_value() == "Khmer Times", failures, "walk: the refused source form lost the publisher")
    check_page(page, axe, "walk: refused source form", failures)
    shot("source-refused")
    page.get_by_label("Address (http or https; empty for none)").fill("")
    page.get_by_role("button", name="Save corrections").click()
    page.wait_for_load_state()
    expect(page.url.endswith("/sources/1"), failures, f"walk: saving the source went to {page.url}")
    expect("Khmer Times" in page.inner_text("main"), failures, "walk: the corrected source does not show its publisher")
    check_page(page, axe, "walk: source page", failures)
    shot("source")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    expect(page.url.endswith("/sign-in"), failures, f"walk: signing out went to {page.url}")
    page.goto(base + "/letters/new")
    expect("/sign-in" in page.url, failures, "walk: the form still opens after signing out")
    shot("signed-out")
    unexpected = [m for m in messages if "status of" not in m]
    expect(not unexpected, failures, f"walk: console says {unexpected}")
    context.close()


def main(base, shots, password=None):
    os.makedirs(shots, exist_ok=True)
    failures = []
    sources = {}
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
                if width == 1280 and response is not None:
                    sources[path] = response.text()
                where = f"{path} at {width}px"
                if response is None or response.status != status:
                    failures.append(f"{where}: status {response and response.status}, expected {status}")
                if response is not None and "data-fragment=" in response.text():
                    # Parts the page leaves out (counts, a thread, a history): its script fetches them.
                    if not wait_for_fragments(page):
                        failures.append(f"{where}: the parts the page leaves out did not arrive")
                    elif width == 1280:
                        sources[path + "#parts"] = page.content()
                if text not in page.inner_text("main"):
                    failures.append(f"{where}: does not show {text!r}")
                # A page answered with an error status logs that status once; nothing else may be logged.
                unexpected = [m for m in messages if status == 200 or "status of" not in m]
                if unexpected:
                    failures.append(f"{where}: console says {unexpected}")
                check_page(page, axe, where, failures)
                if path == "/actors/Hun%20Sen":
                    expect_script_drawn(page, "#other-names", "Khmer", failures, where)
                name = urllib.parse.unquote_plus(path).strip("/").translate(str.maketrans("/?&= +", "-_____")) or "register"
                page.screenshot(path=os.path.join(shots, f"{name}-{width}.png"), full_page=True)
            page.close()
        if password:
            walk(browser, base, shots, password, failures, sources)
        browser.close()
    for failure in failures:
        print(failure)
    validated = validate_html(sources, failures)
    walked = ", editor's walk done" if password else ""
    print(f"{len(PAGES) * 2} page views checked{walked}, {validated} pages validated, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/"), sys.argv[2], *sys.argv[3:4]))
