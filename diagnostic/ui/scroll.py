"""Back to the top of the page after a move to another step, on the wizard and the workshop's."""

from __future__ import annotations

SCROLL_KEY = "scroll-to-top"  # set on a move; the next run pops it and scrolls
SCROLL_SCRIPT = """<script>
for (const doc of [document, window.parent.document]) {
  const main = doc.querySelector('[data-testid="stMain"]');
  if (main) { main.scrollTo({top: 0}); }
}
window.scrollTo({top: 0});
</script>"""
