"use strict";
// Every page works without this script. It says while someone types what saving would say (how
// a date reads, which actors a name could be), and fetches the register's counts for a broad
// selection, which the page leaves out so its letters need not wait for them.
(function () {
  function debounce(action, milliseconds) {
    let timer;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(action, milliseconds);
    };
  }

  async function getJSON(path) {
    try {
      const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } });
      const type = response.headers.get("Content-Type") || "";
      return response.ok && type.startsWith("application/json") ? await response.json() : null;
    } catch (error) {
      return null; // Offline or signed out: the form still works; only the preview is missing.
    }
  }

  // Parts a page leaves out so it is not held up by them (a broad selection's counts, a letter's
  // thread and history) replace their placeholders, which link to a page that holds them for
  // readers without the script.
  document.querySelectorAll("[data-fragment]").forEach(async function (placeholder) {
    placeholder.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(placeholder.dataset.fragment, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (response.ok && (response.headers.get("Content-Type") || "").startsWith("text/html")) {
        placeholder.outerHTML = await response.text();
        return;
      }
    } catch (error) {
      // Offline or signed out: the placeholder's link still leads to them.
    }
    placeholder.removeAttribute("aria-busy");
  });

  document.querySelectorAll("input[data-date-reading]").forEach(function (input) {
    const output = document.getElementById(input.dataset.dateReading);
    if (!output) return;
    const update = debounce(async function () {
      const value = input.value.trim();
      if (!value) {
        output.textContent = "";
        output.classList.remove("field-error");
        return;
      }
      const answer = await getJSON("/forms/date?edtf=" + encodeURIComponent(value));
      if (!answer || input.value.trim() !== value) return;
      if (answer.reading) {
        output.textContent = "Reads as: " + answer.reading + (answer.earliest && answer.latest ? " (" + answer.earliest + " to " + answer.latest + ")" : "");
        output.classList.remove("field-error");
      } else if (answer.problem) {
        output.textContent = answer.problem + (answer.hint ? ". " + answer.hint : "");
        output.classList.add("field-error");
      }
    }, 250);
    input.addEventListener("input", update);
    if (input.value.trim()) update();
  });

  // Participants are typed one per line as "Name | capacity | for": suggestions replace the
  // name part of the line the caret is on. Fields marked "plain" hold names alone, one per
  // line or just one.
  document.querySelectorAll("[data-name-suggestions]").forEach(function (area) {
    const plain = area.dataset.nameSuggestions === "plain";
    const box = document.createElement("div");
    box.className = "suggestions";
    box.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", box);

    function lineAtCaret() {
      const caret = area.selectionStart;
      const start = area.value.lastIndexOf("\n", caret - 1) + 1;
      let end = area.value.indexOf("\n", caret);
      if (end < 0) end = area.value.length;
      return { start: start, end: end, text: area.value.slice(start, end) };
    }

    function choose(line, name) {
      if (area.value.slice(line.start, line.end) !== line.text) return;
      const bar = line.text.indexOf("|");
      const replacement = bar < 0 ? (plain ? name : name + " | ") : name + " " + line.text.slice(bar);
      area.value = area.value.slice(0, line.start) + replacement + area.value.slice(line.end);
      area.focus();
      const caret = line.start + replacement.length;
      area.setSelectionRange(caret, caret);
      box.replaceChildren();
    }

    const update = debounce(async function () {
      const line = lineAtCaret();
      const typed = line.text.split("|")[0].trim();
      if (typed.length < 2) {
        box.replaceChildren();
        return;
      }
      const names = await getJSON("/forms/names?typed=" + encodeURIComponent(typed));
      box.replaceChildren();
      if (!names || names.length === 0 || names.some(function (n) { return n.name === typed; })) return;
      const label = document.createElement("span");
      label.textContent = "Did you mean: ";
      box.appendChild(label);
      names.forEach(function (suggestion) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "suggestion";
        button.textContent = suggestion.name + (suggestion.matched ? " (" + suggestion.matched + ")" : "");
        button.addEventListener("click", function () { choose(line, suggestion.name); });
        box.appendChild(button);
      });
    }, 250);
    area.addEventListener("input", update);
  });

  // Reference fields hold references separated by commas or spaces: suggestions complete the
  // one the caret is in, from letters whose reference begins with it or whose words match it.
  document.querySelectorAll("input[data-letter-suggestions]").forEach(function (input) {
    const box = document.createElement("div");
    box.className = "suggestions";
    box.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", box);

    function tokenAtCaret() {
      const caret = input.selectionStart;
      const before = input.value.slice(0, caret);
      const start = Math.max(before.lastIndexOf(","), before.lastIndexOf(" ")) + 1;
      const rest = input.value.slice(caret).search(/[ ,]/);
      const end = rest < 0 ? input.value.length : caret + rest;
      return { start: start, end: end, text: input.value.slice(start, end) };
    }

    const update = debounce(async function () {
      const token = tokenAtCaret();
      if (token.text.trim().length < 2) {
        box.replaceChildren();
        return;
      }
      const letters = await getJSON("/forms/letters?typed=" + encodeURIComponent(token.text.trim()));
      box.replaceChildren();
      if (!letters || letters.length === 0 || letters.some(function (l) { return l.ref === token.text.trim(); })) return;
      const label = document.createElement("span");
      label.textContent = "Letters: ";
      box.appendChild(label);
      letters.forEach(function (letter) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "suggestion";
        button.textContent = letter.ref + " — " + letter.subject + (letter.date ? " (" + letter.date + ")" : "");
        button.addEventListener("click", function () {
          if (input.value.slice(token.start, token.end) !== token.text) return;
          input.value = input.value.slice(0, token.start) + letter.ref + input.value.slice(token.end);
          input.focus();
          const caret = token.start + letter.ref.length;
          input.setSelectionRange(caret, caret);
          box.replaceChildren();
        });
        box.appendChild(button);
      });
    }, 250);
    input.addEventListener("input", update);
  });
})();
