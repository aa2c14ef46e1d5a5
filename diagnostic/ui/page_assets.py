"""What every page carries besides its content: a style sheet and one small script.

The style sheet gives captions a colour that passes contrast (4.5:1), lets wide tables
scroll inside themselves on a phone, aligns their numbers and keeps chart and table
labels readable at 360–390 px. The script makes each table that scrolls reachable with
the keyboard (a focusable region with a name, as RGAA asks), puts Streamlit's own
connection and restart messages into French (they come from its front end, in English),
and runs the whole page once when the connection comes back.
Everything is inline: no page loads anything from elsewhere.
"""

from __future__ import annotations

import json

import streamlit as st

from ..i18n import t
from .as_typed import saved_as_typed

RECONNECTED = "page-reconnected"  # the hidden button the script clicks after a reconnection
CAPTION_INK = "#575e66"  # 6.4:1 on white; Streamlit's caption grey at 60 % is 2.7 to 3.9:1
PAGE_CSS = f"""<style>
[data-testid="stCaptionContainer"],
[data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] [data-testid="stCaptionContainer"] {{
  color: {CAPTION_INK}; opacity: 1;
}}
.st-key-{RECONNECTED} {{ display: none; }}
[data-testid="stTable"] > div {{ overflow-x: auto; max-width: 100%; }}
[data-testid="stTable"] table {{ font-variant-numeric: tabular-nums; }}
[data-testid="stTable"] > div:focus-visible {{ outline: 2px solid #1f6f8b; outline-offset: 2px; }}
@media (max-width: 640px) {{
  [data-testid="stMain"] [data-testid="stMainBlockContainer"] {{
    padding-left: 1rem; padding-right: 1rem;
  }}
  [data-testid="stTable"] td, [data-testid="stTable"] th {{ font-size: 0.85rem; }}
  [data-testid="stMain"] h1 {{ font-size: 2rem; }}
  [data-testid="stMain"] h2 {{ font-size: 1.6rem; }}
  [data-testid="stCode"] code {{ white-space: pre-wrap; overflow-wrap: anywhere; }}
}}
</style>"""

# Streamlit's front-end messages (English only) and their French wording.
STREAMLIT_FRENCH = {
    "Connecting": "Connexion…",
    "Connecting to Streamlit server": "Connexion au serveur de l’application",
    "Unable to connect to Streamlit server": "Impossible de joindre le serveur de l’application",
    "Running...": "Calcul en cours…",
    "Stop": "Arrêter",
    "Rerun": "Relancer",
    "Connection error": "Connexion perdue",
    "Error": "Erreur",
    "Please wait...": "Veuillez patienter…",
    "Skip to main content": "Aller au contenu principal",
}
# Streamlit's longer messages when the server is gone, by how they begin.
STREAMLIT_LOST = ("Is Streamlit still running?", "Streamlit server is not responding")

PAGE_SCRIPT = """<script>
(() => {
  const settings = %(settings)s;
  const root = window.parent && window.parent.document ? window.parent.document : document;
  const win = root.defaultView || window;
  win.diagnosticPage = settings;  // the latest run's language wins
  if (win.diagnosticObserver) { win.diagnosticTidy(); return; }
  win.diagnosticTidy = () => {
    const now = win.diagnosticPage;
    for (const box of root.querySelectorAll('[data-testid="stTable"] > div')) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", now.table);
      } else if (!scrolls && box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
    if (now.lang !== "fr") { return; }
    const walker = root.createTreeWalker(root.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      if (now.words[text]) {
        node.nodeValue = node.nodeValue.replace(text, now.words[text]);
      } else if (now.lostStarts.some((start) => text.startsWith(start))) {
        node.nodeValue = now.lost;
      }
    }
    for (const element of root.querySelectorAll("[title], [aria-label]")) {
      for (const name of ["title", "aria-label"]) {
        const value = element.getAttribute(name);
        if (value && now.words[value]) { element.setAttribute(name, now.words[value]); }
      }
    }
  };
  let pending = false;
  win.diagnosticObserver = new win.MutationObserver(() => {
    if (pending) { return; }
    pending = true;
    win.requestAnimationFrame(() => { pending = false; win.diagnosticTidy(); });
  });
  win.diagnosticObserver.observe(root.body, {childList: true, subtree: true, characterData: true});
  win.addEventListener("resize", () => win.diagnosticTidy());
  win.diagnosticTidy();
  // Back from a lost connection (a restarted server opens a new session), run the whole
  // page once: Streamlit drops a click in a fragment that the new session has not drawn.
  let connected = false, lost = false;
  win.setInterval(() => {
    const app = root.querySelector('[data-testid="stApp"]');
    const state = app ? app.getAttribute("data-test-connection-state") : null;
    if (state === "CONNECTED") {
      const redraw = root.querySelector(".st-key-%(reconnected)s button");
      if (lost && redraw) {
        redraw.click();
        root.body.dataset.reconnected = String(Number(root.body.dataset.reconnected || 0) + 1);
      }
      connected = true;
      lost = false;
    } else if (connected && state) {
      lost = true;
    }
  }, 250);
})();
</script>"""


def page_assets(lang: str) -> None:
    """Add the style sheet and the script to the page being drawn."""
    st.html(PAGE_CSS)
    settings = {
        "lang": lang,
        "table": t("app.table_region", lang),
        "lost": t("app.connection_lost", lang),
        "lostStarts": STREAMLIT_LOST,
        "words": STREAMLIT_FRENCH,
    }
    script = PAGE_SCRIPT % {
        "settings": json.dumps(settings, ensure_ascii=False),
        "reconnected": RECONNECTED,
    }
    st.sidebar.html(script, unsafe_allow_javascript=True)
    st.sidebar.button(t("app.reconnected", lang), key=RECONNECTED)  # hidden (see the script)
    saved_as_typed()
