"""A step's timer, counted down in the browser: shown on the projected dashboard and phones.

The server draws the time left when it draws the page; a small script in the browser then
counts down each second, so a running timer costs the server nothing. When it reaches zero
it says so and nothing is cut off: a cue, not a lock.
"""

from __future__ import annotations

import datetime as dt
import html
import json

import streamlit as st

from ...i18n import t
from ...workshop.pacing import Timer, clock_text

TIMER_CLASS = "pacing-timer"  # browser tests wait on it
TIMER_STYLE = (
    "display: inline-flex; gap: 0.6em; align-items: baseline; padding: 0.3em 0.8em;"
    " border-radius: 0.5em; background: #eef3f8; font-weight: 600;"
)
CLOCK_STYLE = "font-variant-numeric: tabular-nums; font-size: {size};"
# Counts down from the time left when drawn (the phone's clock may differ from the server's).
SCRIPT = """<script>
(() => {
  const box = document.getElementById(%(id)s);
  if (!box) { return; }
  const clock = box.querySelector(".pacing-timer-clock");
  const cue = box.querySelector(".pacing-timer-cue");
  const end = Date.now() + %(remaining)s * 1000;
  const text = (left) => {
    const whole = Math.max(0, Math.ceil(left / 1000));
    const h = Math.floor(whole / 3600), m = Math.floor((whole %% 3600) / 60), s = whole %% 60;
    const two = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
  };
  const tick = () => {
    if (!document.body.contains(box)) { clearInterval(timer); return; }
    const left = end - Date.now();
    clock.textContent = text(left);
    if (left <= 0) {
      box.dataset.ended = "true";
      cue.hidden = false;
      clearInterval(timer);
    }
  };
  const timer = setInterval(tick, 1000);
})();
</script>"""


def timer_html(timer: Timer, now: dt.datetime, lang: str, place: str, size: str) -> str:
    """The timer's box with the time left at ``now``, and its countdown script."""
    remaining = timer.remaining(now)
    ended = remaining <= 0
    box_id = f"{TIMER_CLASS}-{place}-{int(timer.started_at.timestamp())}"
    cue = html.escape(t("pacing.timer.ended", lang))
    return (
        f'<div id="{box_id}" class="{TIMER_CLASS}" data-ended="{str(ended).lower()}"'
        f' style="{TIMER_STYLE}">'
        f"<span>{html.escape(t('pacing.timer.label', lang))}</span>"
        f'<span class="pacing-timer-clock" style="{CLOCK_STYLE.format(size=size)}">'
        f"{clock_text(remaining)}</span>"
        f'<span class="pacing-timer-cue"{"" if ended else " hidden"}>{cue}</span></div>'
        + SCRIPT
        % {"id": json.dumps(box_id), "remaining": f"{remaining:.1f}"}
    )


def show_timer(timer: Timer | None, lang: str, place: str, size: str = "1.4em") -> None:
    """The timer, if one runs for this step (``place``: where it is drawn, for its id)."""
    if timer is None:
        return
    now = dt.datetime.now(dt.UTC)
    st.html(timer_html(timer, now, lang, place, size), unsafe_allow_javascript=True)
