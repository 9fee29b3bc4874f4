"""Output and action redlines: judge what a model produces and what an agent is about to run.

`judge_response` reads a finished response, `StreamMonitor` reads one as it streams, and
`judge_action` reads a shell command line or Python program before it runs. All three find
*capabilities* in the code (parsed with tree-sitter) and let one detector per module decide when
capabilities combine into an offensive artifact; each refusal cites the redline its detector
enforces.
"""

# The detector modules' package is imported before `detectors` (the function) is bound: importing
# a subpackage binds its name on this package the first time, which would otherwise replace the
# function once `detectors()` loads the modules.
import redline.redlines.detectors  # noqa: F401
from redline.redlines.judge import judge_action, judge_response
from redline.redlines.registry import Detector, detectors
from redline.redlines.stream import DEFAULT_HOLDBACK_CHARS, StreamDecision, StreamMonitor

__all__ = [
    "DEFAULT_HOLDBACK_CHARS",
    "Detector",
    "StreamDecision",
    "StreamMonitor",
    "detectors",
    "judge_action",
    "judge_response",
]
