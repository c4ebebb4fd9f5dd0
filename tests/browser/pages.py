"""What the browser tests share: the demo newsroom as test data, and axe-core."""

from pathlib import Path

import pytest

from claims.demo.loader import load_demo
from claims.models import Claim, ClaimState

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# axe-core impact levels that fail a page.
BLOCKING = ("serious", "critical")


def demo_newsroom():
    load_demo()
    return Claim.objects.filter(state=ClaimState.PUBLISHED)


def axe_violations(page) -> list[str]:
    """Serious and critical accessibility violations on the page, one line each."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (it runs `npm ci`).")
    # Evaluated by the browser's debugger, not as a <script> tag, which the
    # site's Content-Security-Policy would refuse.
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" "))
            }));
        }"""
    )
    return [
        f"{v['impact']} {v['id']}: {', '.join(v['nodes'][:3])}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


def horizontal_overflow(page) -> int:
    """Pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
