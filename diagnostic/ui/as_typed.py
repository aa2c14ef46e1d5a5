"""Text saved as it is typed: comments and the feuille de route's text fields.

Streamlit sends a text field's value to the server only on Enter (Ctrl+Enter in a text
area) or when the field loses focus. A small script, added once per page, commits the
fields named below about a second after the last keystroke, by the very key Streamlit
listens to: the caret stays where it is, the field keeps focus, and what is typed while the
page runs again stays in the field (the server never writes these widgets back while they
are on screen). A page left (reload, close, another address) while a field waits for its
pause commits it at once and asks the browser to confirm leaving; Enter (Ctrl+Enter in a
text area) or leaving the field commit it at once too, as Streamlit does, so nothing waits.
"""

from __future__ import annotations

import json

import streamlit as st

PAUSE_MS = 1000  # after the last keystroke (the plan's intro says « une seconde »)
# Widget keys of the fields saved as typed: the questions' comments (single diagnostic and
# workshop participant), the territory's name and the text of a plan's lines (diagnostic
# and workshop).
SAVED_AS_TYPED = (
    r"^(atelier-)?comment-",
    r"^profile-name$",
    r"^(plan|animation-plan)-[^-]+-(label|owner|partners|note)$",
)

AS_TYPED_CSS = """<style>
[data-saved-as-typed] [data-testid="InputInstructions"] { display: none; }
</style>"""

AS_TYPED_SCRIPT = """<script>
(() => {
  const root = window.parent && window.parent.document ? window.parent.document : document;
  const win = root.defaultView || window;
  win.diagnosticAsTyped = %(settings)s;
  if (win.diagnosticAsTypedReady) { return; }
  win.diagnosticAsTypedReady = true;
  const waiting = new Map();  // field -> timer, while a field waits for its pause
  const composing = new Set();
  const holder = (field) => field.closest('[class*="st-key-"]');
  const widgetKey = (field) => {
    const box = holder(field);
    const name = box ? [...box.classList].find((c) => c.startsWith("st-key-")) : null;
    return name ? name.slice("st-key-".length) : null;
  };
  const watched = (field) => {
    if (!(field instanceof win.HTMLTextAreaElement || field instanceof win.HTMLInputElement)) {
      return false;
    }
    const name = widgetKey(field);
    return name !== null && win.diagnosticAsTyped.keys.some((k) => new RegExp(k).test(name));
  };
  const commit = (field) => {
    waiting.delete(field);
    if (!field.isConnected || field.disabled) { return; }
    if (composing.has(field)) { later(field); return; }
    // Streamlit commits a text input on Enter and a text area on Ctrl+Enter.
    field.dispatchEvent(new win.KeyboardEvent("keydown", {
      key: "Enter", code: "Enter", ctrlKey: field instanceof win.HTMLTextAreaElement,
      bubbles: true, cancelable: true,
    }));
  };
  const later = (field) => {
    win.clearTimeout(waiting.get(field));
    waiting.set(field, win.setTimeout(() => commit(field), win.diagnosticAsTyped.pause));
  };
  root.addEventListener("focusin", (event) => {
    if (watched(event.target)) { holder(event.target).dataset.savedAsTyped = "true"; }
  }, true);
  root.addEventListener("input", (event) => {
    if (watched(event.target)) { later(event.target); }
  }, true);
  // Leaving the field, or Enter (Ctrl+Enter in a text area), commits it already.
  const done = (field) => { win.clearTimeout(waiting.get(field)); waiting.delete(field); };
  root.addEventListener("focusout", (event) => done(event.target), true);
  root.addEventListener("keydown", (event) => {
    const area = event.target instanceof win.HTMLTextAreaElement;
    if (event.isTrusted && event.key === "Enter" && (!area || event.ctrlKey || event.metaKey)) {
      done(event.target);
    }
  }, true);
  root.addEventListener("compositionstart", (event) => composing.add(event.target), true);
  root.addEventListener("compositionend", (event) => {
    composing.delete(event.target);
    if (watched(event.target)) { later(event.target); }
  }, true);
  win.addEventListener("beforeunload", (event) => {
    if (waiting.size === 0) { return; }
    for (const [field, timer] of [...waiting]) { win.clearTimeout(timer); commit(field); }
    event.preventDefault();
    event.returnValue = "";
  });
})();
</script>"""


def saved_as_typed() -> None:
    """Add the script (and its style) that saves the named text fields as they are typed."""
    settings = {"keys": SAVED_AS_TYPED, "pause": PAUSE_MS}
    script = AS_TYPED_SCRIPT % {"settings": json.dumps(settings)}
    st.sidebar.html(AS_TYPED_CSS + script, unsafe_allow_javascript=True)
