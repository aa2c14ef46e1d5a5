"""What every page carries besides its content: a style sheet and one small script.

The style sheet gives captions a colour that passes contrast (4.5:1), lets wide tables
scroll inside themselves on a phone, aligns their numbers, keeps chart and table labels
readable at 360–390 px, and draws a focus indicator that is clearly visible (RGAA 10.7: a
3 px outline, 5.6:1 on white). The script makes each table that scrolls reachable with
the keyboard (a focusable region with a name, as RGAA asks); puts Streamlit's own words
into French (connection messages, and its widgets' buttons, hints and screen-reader
labels: they come from its front end, in English only); says a help button's label
without markdown marks; after « Suivant » or « Précédent », moves the keyboard focus
to the new step's heading; and runs the whole page once when the connection comes back.
Everything is inline: no page loads anything from elsewhere.
"""

from __future__ import annotations

import json

import streamlit as st

from ..i18n import t
from .as_typed import saved_as_typed

RECONNECTED = "page-reconnected"  # the hidden button the script clicks after a reconnection
CAPTION_INK = "#575e66"  # 6.4:1 on white; Streamlit's caption grey at 60 % is 2.7 to 3.9:1
FOCUS_INK = "#1f6f8b"  # the theme's primary colour: 5.6:1 on white
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
:is(button, a, summary, [tabindex]:not(input)):focus-visible,
label[data-focus-visible="true"],
:is([data-testid="stTextInputRootElement"], [data-testid="stTextAreaRootElement"],
  [data-testid="stNumberInputContainer"]):focus-within,
:is([data-testid="stSelectbox"], [data-testid="stMultiSelect"]) [role="group"]:focus-within {{
  outline: 3px solid {FOCUS_INK} !important; outline-offset: 2px;
}}
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
# Streamlit's widgets: button labels, hints, placeholders and screen-reader labels.
STREAMLIT_WIDGETS_FRENCH = {
    "Upload": "Choisir un fichier",
    "Browse files": "Choisir un fichier",  # the same button, in Streamlit before 1.50
    "Drag and drop a file here": "Déposez un fichier ici",
    "Drag and drop files here": "Déposez des fichiers ici",
    "file upload": "Fichier à charger",
    "Select all": "Tout sélectionner",
    "Clear value": "Effacer",
    "Clear all": "Tout effacer",
    "Open": "Ouvrir la liste",
    "Choose an option": "Choisir…",
    "Choose options": "Choisir…",
    "No results": "Aucun résultat",
    "Copy to clipboard": "Copier",
    "Collapse sidebar": "Replier le panneau latéral",
    "Expand sidebar": "Déplier le panneau latéral",
    "Sidebar": "Panneau latéral",
    "App pages": "Pages de l’application",
    "Link to heading": "Lien vers ce titre",
    "progress": "Progression",
    # a text field's hint while its text waits (it is saved a second after typing anyway)
    "Press Enter to apply": "Entrée pour enregistrer tout de suite",
    "Press Ctrl+Enter to apply": "Ctrl+Entrée pour enregistrer tout de suite",
    "Press ⌘+Enter to apply": "⌘+Entrée pour enregistrer tout de suite",
}
# Streamlit's words that hold a number, as (regular expression, French).
STREAMLIT_PATTERNS_FRENCH = (
    (r"^(?:Limit )?(\d+(?:\.\d+)?)\s?MB per file$", "$1 Mo au plus par fichier"),
    (r"^(?:Limit )?(\d+(?:\.\d+)?)\s?KB per file$", "$1 Ko au plus par fichier"),
    (r"^Select (\d+) matches$", "Sélectionner les $1 résultats"),
)
# Streamlit's longer messages when the server is gone, by how they begin.
STREAMLIT_LOST = ("Is Streamlit still running?", "Streamlit server is not responding")
HELP_PREFIX = "Help for "  # Streamlit's screen-reader label of a help button, then the label
# The step selectors whose next heading is a step's title, and the moves that change step.
STEP_SELECTORS = ("nav-step", "atelier-nav-step")
STEP_MOVES = ("nav-next", "nav-back", "atelier-nav-next", "atelier-nav-back")

PAGE_SCRIPT = """<script>
(() => {
  const settings = %(settings)s;
  const root = window.parent && window.parent.document ? window.parent.document : document;
  const win = root.defaultView || window;
  win.diagnosticPage = settings;  // the latest run's language wins
  if (win.diagnosticObserver) { win.diagnosticTidy(); return; }
  const plain = (text) => text.replace(/:material\\/[a-z_]+:/g, "")
    .replace(/[*_`~]+/g, "").replace(/\\s+/g, " ").trim();
  const reword = (text, now) => {
    if (now.words[text]) { return now.words[text]; }
    for (const [pattern, french] of now.patterns) {
      const found = new RegExp(pattern);
      if (found.test(text)) { return text.replace(found, french); }
    }
    return null;
  };
  const stepHeading = () => {
    for (const key of settings.selectors) {
      const selector = root.querySelector(`.st-key-${key}:not([data-stale="true"])`);
      if (!selector) { continue; }
      for (const heading of root.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3)')) {
        const after = selector.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING;
        if (after && !heading.closest('[data-stale="true"]')) { return heading; }
      }
    }
    return null;
  };
  // After « Suivant » or « Précédent », the new step's heading takes the focus once drawn.
  root.addEventListener("click", (event) => {
    const move = settings.moves.some((key) => event.target.closest(`.st-key-${key} button`));
    if (!move) { return; }
    const before = stepHeading();
    win.diagnosticMove = {from: before ? before.textContent : "", until: Date.now() + 30000};
  }, true);
  const focusStep = () => {
    const move = win.diagnosticMove;
    if (!move) { return; }
    if (Date.now() > move.until) { win.diagnosticMove = null; return; }
    const heading = stepHeading();
    if (!heading || heading.textContent === move.from) { return; }
    win.diagnosticMove = null;
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  };
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
    focusStep();
    const walker = root.createTreeWalker(root.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      const better = text ? reword(text, now) : null;
      if (better !== null) {
        node.nodeValue = node.nodeValue.replace(text, better);
      } else if (now.lostStarts.some((start) => text.startsWith(start))) {
        node.nodeValue = now.lost;
      }
    }
    for (const element of root.querySelectorAll("[title], [aria-label], [placeholder]")) {
      for (const name of ["title", "aria-label", "placeholder"]) {
        const value = element.getAttribute(name);
        if (!value) { continue; }
        let better = reword(value, now);
        if (value.startsWith(now.helpPrefix)) {
          better = now.help.replace("{label}", plain(value.slice(now.helpPrefix.length)));
        } else if (name === "aria-label" && /[*_`]{2}/.test(value)) {
          better = plain(value);  // a widget's label, read out without its markdown
        }
        if (better !== null && better !== value) { element.setAttribute(name, better); }
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
    french = lang == "fr"
    settings = {
        "lang": lang,
        "table": t("app.table_region", lang),
        "lost": t("app.connection_lost", lang),
        "lostStarts": STREAMLIT_LOST if french else (),
        "words": {**STREAMLIT_FRENCH, **STREAMLIT_WIDGETS_FRENCH} if french else {},
        "patterns": STREAMLIT_PATTERNS_FRENCH if french else (),
        "helpPrefix": HELP_PREFIX,
        "help": t("app.help_for", lang, label="{label}"),
        "selectors": STEP_SELECTORS,
        "moves": STEP_MOVES,
    }
    script = PAGE_SCRIPT % {
        "settings": json.dumps(settings, ensure_ascii=False),
        "reconnected": RECONNECTED,
    }
    st.sidebar.html(script, unsafe_allow_javascript=True)
    st.sidebar.button(t("app.reconnected", lang), key=RECONNECTED)  # hidden (see the script)
    saved_as_typed()
