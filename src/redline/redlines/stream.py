"""The streaming monitor: judge model output chunk by chunk, halting before the artifact is whole.

Design (check-first with a bounded holdback, in NeMo Guardrails' terms):

* Text is judged a line at a time as lines complete; each line is scanned once for capability
  patterns (code lines in full, prose lines in their inline code spans; comment lines and
  detection-rule blocks are skipped), so the cost per chunk is proportional to the chunk, never
  to the prefix. A prose line is also read for the step it instructs (`plans.py`), so that an
  attack plan written without code halts at the step that completes it, as a program does.
* Capabilities accumulate; detectors re-run after each line that adds a hit (some detectors
  count places, not only kinds). The score never decreases. Detectors already refuse on the
  functional core of an artifact (a socket duplicated onto standard input, a global key hook
  filling a buffer), so a halt usually comes mid-block.
* Release depends on what the text is (see `_CODE_SIGNAL` and `_CODE_WORDS`). Code (a fenced
  block from the moment its fence starts, a line that starts like a program or a shell command,
  a line the judge reads as code, a prose line whose inline code gave evidence) is released only
  once `holdback_chars` more have been judged after it: the default favours safety.
* Suspect code waits longer. Once the response has shown a capability particular to attacks
  (one not in `ordinary.ORDINARY`) and a code block has begun, code is released only once half
  of the code so far (from the first block's start to the last block's end) lies behind it,
  waiting at most `max_holdback_chars` (four times `holdback_chars` unless set). Programs
  define their pieces first and wire them together at the end (a `main` that installs the hook
  or starts the loop), so a detector's last piece often comes in a block's last lines; held
  this way, such a block halts with no more than half of it out, and evidence that follows a
  suspect block (a last prose line) still finds half of it held. The wait never shrinks; code
  that shows nothing particular to attacks waits only `holdback_chars`.
* Plain prose (words with nothing code-like in them) is released as it arrives, once
  `prose_holdback_chars` more plain text follows it; a prose line stops being released at its
  first code-like word and waits for the whole line to be judged. Prose never overtakes held code:
  release is a prefix. Plain words carry no capability but a plan's steps, and those are judged
  line by line as they complete, so releasing them early gives no program away, and the answer's
  first words reach the reader at once. (An instruction is not held like code: ordinary answers
  are full of them.)
* After a halt nothing more is released: the text held back, including the line that completed
  the artifact, is never delivered.
* `finish()` judges the whole response once more with `judge_response` (full tree-sitter
  reading), and releases the held-back tail only when that also allows it.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from redline.constitution import Constitution, load_constitution
from redline.redlines.agent_sockets import agent_socket_hits
from redline.redlines.capabilities import (
    MAX_LINE,
    SPANNING,
    Capabilities,
    Capability,
    Hit,
    ascii_twin,
    reads_as_ascii,
    scan,
    spanning_in,
)
from redline.redlines.card_copy import CardFlow
from redline.redlines.code import (
    BUFFER_NAME,
    DETECTION_TAGS,
    DOWNLOADS,
    FALCO_ITEM_KEYS,
    KEY_CHANNELS,
    WATCHED_NAMES,
    code_hits,
    code_space_in_line,
    code_space_pieces,
    domain_generation_hits,
    domain_generation_pieces,
    falco_line,
    fetched_names,
    folded_strings,
    guess_in_line,
    holds_decoded_payload,
    holds_top_level_domain,
    is_name_mention,
    key_callback_names,
    key_callback_registered,
    leads_list,
    list_item,
    loop_names,
    mentions_self,
    not_indicators,
    opens_by_declining,
    password_input_reads,
    password_inputs,
    posted_fields,
    rule_indicators,
    run_of_fetched,
    run_of_saved,
    saved_names,
    self_copy_in_line,
    self_names,
    shown_as_example,
    socket_connected,
    socket_names,
    top_level_domain_hits,
    watched_for,
)
from redline.redlines.field_capture import field_capture_pieces, field_captured_in_line
from redline.redlines.flows import (
    network_input_names,
    reads_network_input,
    reads_web_input,
    remote_input_hits,
    runs_network_input,
    runs_web_input,
    web_input_names,
)
from redline.redlines.grammars import CodeLanguage, guess_language, language_for_fence
from redline.redlines.in_place import in_place_names, written_beside_in_line
from redline.redlines.judge import build_verdict, evaluate, judge_response
from redline.redlines.log_scrub import scrub_names, scrubbed_in_line
from redline.redlines.log_targets import log_emptied_in_line, log_names
from redline.redlines.macros import (
    collector_in_line,
    dropper_in_line,
    macro_bind,
    phish_in_line,
)
from redline.redlines.mux_proxy import mux_proxy_names, mux_proxy_served
from redline.redlines.named import name_written, written_names
from redline.redlines.ordinary import ORDINARY
from redline.redlines.own_use import (
    continued,
    key_uses,
    product_names,
    retained,
    without_logged_events,
    without_script_arguments,
    without_terminal_echo,
)
from redline.redlines.parcel_senders import without_own_parcel_notices
from redline.redlines.plans import (
    ANALYSIS_MARKS_NEEDED,
    SIGN_CAPABILITIES,
    analysis_marks,
    plan_hits,
)
from redline.redlines.powershell import defined_aliases, looks_like_powershell, resolved
from redline.redlines.preload_hide import listing_hook_hits
from redline.redlines.quoted_rules import blanked, is_configuration, opens_literal
from redline.redlines.registry import REFUSE_AT
from redline.redlines.rescheduling import (
    launched_in_line,
    rescheduled_in_line,
    rescheduling_names,
)
from redline.redlines.resolvers import labelled_lookup, resolver_names
from redline.redlines.root_loops import root_loop_deleted, root_loop_names
from redline.redlines.searched import without_searched_for
from redline.redlines.smuggling import smuggled_in_line, smuggling_pieces
from redline.redlines.spray import spray_names, sprayed_in_line
from redline.redlines.traced_logins import login_pid_names, traced_login_in_line
from redline.results import Decision, Verdict

DEFAULT_HOLDBACK_CHARS = 1024
"""About 256 tokens of code are held back after what was judged (prose is released sooner)."""

HOLDBACK_GROWTH = 4
"""How far the code holdback may grow over `holdback_chars` once a block looks suspect (see
`StreamMonitor`): `max_holdback_chars` defaults to this many times `holdback_chars`."""


DEFAULT_PROSE_HOLDBACK_CHARS = 0
"""Plain prose is released as soon as it is known to be plain (a partial first word waits)."""

DGA_PIECES = 3
"""Pieces of a domain generation algorithm (a top-level domain, letters mixed, a date) a block
shows before it is read for generated names (`code.domain_generation_pieces`)."""
_SPAN_LINES = 16
"""How many of a block's last lines a pattern written across lines is read over, and for how
many lines after one held its literal (`capabilities.SPANNING`)."""
_LISTING_MARKS = ("RTLD_NEXT", "readdir", "/proc")
"""What a block names before it is read for a preloaded directory listing (`preload_hide.py`)."""
_REREADS = 32
"""At most this many times one streaming reading (`_agent_sockets`, `_listing_hooks`) reads a
block so far again whole; past that only the whole-response reading at `finish()` does, so a
crafted block of thousands of triggering lines costs linear time, not the square of its size."""
_FENCE = re.compile(r"^\s*(```+|~~~+)\s*([\w+#.-]*)")
_INLINE_CODE = re.compile(r"`([^`\n]{3,})`")
_COMMENT_LINE = re.compile(r"^\s*(?://|#(?![!]|include|define|pragma|requires)|<!--|\*|/\*|REM\s)")
_DETECTION_START = re.compile(
    # (Falco's rule files open with a list item naming a rule, a macro or a list)
    r"^\s*(?:rule\s+\w+|title\s*:|detection\s*:|logsource\s*:|alert\s+\w+\s|<rule\s+id=|<RuleGroup\b"
    rf"|-[ \t]*(?:{FALCO_ITEM_KEYS})[ \t]*:"
    r"|<Sysmon\s|SELECT\b.*\bFROM\s+(?:processes|process_events|socket_events|crontab|suid_bin|shell_history)\b)"
)
_CODE_LINE = re.compile(
    r"[;{}()=]\s*$|^\s*(?:import|from|def|if|for|while|\$|#include|function|sudo|curl|wget)\b"
)
# What makes prose stop flowing: characters and shapes that plain sentences rarely need but
# code, commands, paths and addresses do (a backtick also opens a fence or an inline span).
_CODE_SIGNAL = re.compile(
    r"[`$={}\[\]<>|&\\@^~#/]"  # operators, redirections, paths, variables, markup
    r"|(?<=\w)\("  # a call: name(
    r"|(?<=\w)\.(?=\w)"  # dotted names, file names, addresses
    r"|(?<!\S)-+(?=\w)"  # command-line flags
    r"|(?<=[a-z])-(?=[A-Z])"  # PowerShell verbs: Invoke-Expression
    r"|;(?=\S)|%(?=\w)|\*(?=\.)"  # statements run together, %VARIABLES%, globs
)
_AMBIGUOUS_TAIL = ".-;*%"  # the next character decides whether these are code
# Markdown that may open a prose line: headings, bullets, numbered items.
_MARKDOWN_LEAD = re.compile(r"(?:#{1,6} |[-*+] |\d{1,3}[.)] )?")
_MARKER_START = re.compile(r"#{1,6}|[-*+]|\d{1,3}[.)]?")
# First words that make a line a program statement or a command line.
_CODE_WORDS = frozenset(
    """import from def class if elif else for while try except finally with return raise yield
    lambda function var let const async await public private static void int char struct
    using namespace package use require include print printf echo set export local unset
    do done then fi esac case until sudo su curl wget nc ncat netcat socat bash sh zsh ksh
    python python3 perl ruby php node powershell pwsh cmd rm dd mkfs chmod chown chattr cat cp
    mv ln touch crontab systemctl service iptables ufw reg schtasks sc net netsh wmic
    certutil vssadmin wevtutil bcdedit ssh scp rsync tar zip base64 xxd openssl gpg kill
    pkill killall nohup mkfifo telnet nmap hydra git npm pip apt yum make gcc docker kubectl
    history shred find xargs tee env eval exec source iex""".split()  # noqa: SIM905
)


_PAGE_LANGUAGES = (None, CodeLanguage.JAVASCRIPT, CodeLanguage.HTML, CodeLanguage.PHP)
"""Blocks whose code may be a page's script (`CardFlow`'s page reading)."""

_FOLLOWED: tuple[
    tuple[
        Callable[[str, frozenset[str]], frozenset[str]],
        Callable[[str, frozenset[str]], re.Match[str] | None],
        Capability,
    ],
    ...,
] = (
    # a loop's candidate used as a login's password; fetched content run as code
    (loop_names, guess_in_line, Capability.GUESS_LOOP),
    # every code of a fixed-width space padded in one place and gone through in another
    (code_space_pieces, code_space_in_line, Capability.GUESS_LOOP),
    (fetched_names, run_of_fetched, Capability.RUN_DOWNLOADED),
    # a key callback recording its key; data put into DNS names through a resolving helper
    (key_callback_names, key_callback_registered, Capability.KEY_BUFFER),
    (resolver_names, labelled_lookup, Capability.DNS_DATA_LABEL),
    # a function handing itself to its own completion, and loops starting several of them
    (rescheduling_names, rescheduled_in_line, Capability.ENDLESS_LOOP),
    (rescheduling_names, launched_in_line, Capability.SWARM),
    # a program a page decodes from its own data and saves (HTML smuggling)
    (smuggling_pieces, smuggled_in_line, Capability.SMUGGLED_PROGRAM),
    # every field of a page read as it is typed, by a listener on the whole document
    (field_capture_pieces, field_captured_in_line, Capability.PAGE_KEYS),
    (field_capture_pieces, field_captured_in_line, Capability.FIELD_VALUES),
    # remote input run as a command: a web request's (web shell) or the network's (agent)
    (web_input_names, runs_web_input, Capability.REQUEST_TO_EXEC),
    (network_input_names, runs_network_input, Capability.REMOTE_COMMAND),
    # a system log emptied or deleted through the names that hold its path
    (log_names, log_emptied_in_line, Capability.LOG_EMPTIED),
    # a sign-in process traced for its reads or writes through the name its id was kept under
    (login_pid_names, traced_login_in_line, Capability.LOGIN_TRACE),
    # system roots deleted one by one through a loop's variable
    (root_loop_names, root_loop_deleted, Capability.ROOT_DELETE),
    # a system log written back without the lines naming one actor
    (scrub_names, scrubbed_in_line, Capability.LOG_SCRUBBED),
    # each file a loop visits written again under its own name plus a suffix
    (in_place_names, written_beside_in_line, Capability.WRITTEN_BESIDE),
    # a socket connected out through the name it was made under
    (socket_names, socket_connected, Capability.NET_CONNECT),
    # SOCKS served over the multiplexer of a connection dialed out (a reverse pivot)
    (mux_proxy_names, mux_proxy_served, Capability.PIVOT_BUILT),
    # each account a loop goes through signed in as, the lockout's threshold read first
    (spray_names, sprayed_in_line, Capability.LOCKOUT_AWARE_SPRAY),
)
"""The name-following data flows read line by line (`_use`): bind, find, capability."""
_BINDS = tuple(dict.fromkeys(bind for bind, _, _ in _FOLLOWED))
"""Each flow's bind once: two flows may follow the same names (`rescheduling_names`)."""


def _piece_end(pending: str) -> int:
    """Where to cut the next piece of an endless line (`pending`, longer than `MAX_LINE`): after
    its last space or tab in the second half of `MAX_LINE`, else at `MAX_LINE`. A piece is read
    as a line, its start and end as the text's edges; cut inside a word (`fa|rm -rf /tmp/x`),
    `\\b` and a lookbehind would find at the cut a word that the line does not hold, and a word
    split in two would be found in neither piece. After a space, what follows starts a word in
    the line too (`^` and `$` still read the cut as a line's edge)."""
    cut = max(
        pending.rfind(" ", MAX_LINE // 2, MAX_LINE), pending.rfind("\t", MAX_LINE // 2, MAX_LINE)
    )
    return cut + 1 if cut >= 0 else MAX_LINE


def _blanked(line: str) -> str:
    """`line` as spaces, its line break kept, so that offsets after it stay the same."""
    body = line.rstrip("\n")
    return " " * len(body) + line[len(body) :]


@dataclass(frozen=True)
class StreamDecision:
    """What the caller may do after a chunk: emit `release` (only that), or stop when halted."""

    halted: bool
    release: str
    verdict: Verdict


class StreamMonitor:
    """Incremental judge of a streamed model response; see the module docstring for the design.

    `holdback_chars` bounds how much judged code waits behind what is released (the safety
    margin for detectors that fire late); `prose_holdback_chars` does the same for plain prose.
    `max_holdback_chars` (None: `HOLDBACK_GROWTH` times `holdback_chars`) bounds how far the code
    wait grows once a block looks suspect; setting it to `holdback_chars` turns growth off.
    """

    def __init__(
        self,
        request: Sequence[Mapping[str, str]] | str | None = None,
        *,
        holdback_chars: int = DEFAULT_HOLDBACK_CHARS,
        constitution: Constitution | None = None,
        prose_holdback_chars: int = DEFAULT_PROSE_HOLDBACK_CHARS,
        max_holdback_chars: int | None = None,
    ) -> None:
        if holdback_chars < 0:
            raise ValueError("holdback_chars must not be negative")
        if prose_holdback_chars < 0:
            raise ValueError("prose_holdback_chars must not be negative")
        if max_holdback_chars is not None and max_holdback_chars < 0:
            raise ValueError("max_holdback_chars must not be negative")
        self.request = request
        self.holdback_chars = holdback_chars
        self.max_holdback_chars = max(
            holdback_chars,
            HOLDBACK_GROWTH * holdback_chars if max_holdback_chars is None else max_holdback_chars,
        )
        self.prose_holdback_chars = prose_holdback_chars
        self.constitution = constitution or load_constitution()
        self._chunks: list[str] = []  # everything received, joined only for evidence
        self._unreleased = ""  # received but not yet released
        self._judged = 0  # characters judged so far (whole lines)
        self._released = 0  # characters released so far
        self._pending = ""  # the incomplete last line
        self._code: deque[list[int]] = deque()  # [start, end) of judged code still held
        self._line_plain = 0  # leading characters of the pending line known to be plain prose
        self._code_start: int | None = None  # where the first code block's first line starts
        self._code_end: int | None = None  # where the last block closed; None: in a block
        self._grown = holdback_chars  # the code holdback, grown once suspect (never shrinks)
        self._suspect = False  # a capability particular to attacks has been found
        self._line_held = False  # the pending line showed something code-like
        self._line_code = False  # ... and it starts like code (a fence, a keyword, an indent)
        self._line_start = True  # the pending text starts a line (not a piece of a long one)
        self._line_read_as_code = False  # the judge read the last line as code
        self._found = Capabilities()
        self._in_code = False
        self._declined: bool | None = None  # the response opened by declining (prose only)
        self._examples: list[tuple[int, int]] = []  # this prose line's quoted examples' spans
        self._analysis: frozenset[int] = frozenset()  # marks of a malware analyst's write-up
        self._language: CodeLanguage | None = None
        self._detection_block = False
        self._falco_column: int | None = None  # a Falco-opened block's last key's column
        self._rule_lines: list[str] = []  # the response's detection rules, read only if quoted
        self._indicators: set[Capability] | None = None  # what those rules look for, once read
        self._block_lines = 0
        self._opens_literal = False  # the block's first line opened a here-string or heredoc
        self._c_block: list[str] = []  # a C block's lines so far, for its helper functions
        self._block_text: list[str] = []  # the block's lines so far (generated names, sockets)
        self._dga_pieces: frozenset[str] | None = frozenset()  # its pieces seen; None: found
        self._listing_marks: set[str] = set()  # which of `_LISTING_MARKS` the block has named
        self._rereads: dict[Capability, int] = {}  # whole-block rereads so far, by reading
        self._list_lead = ""  # the last prose line that is no list item
        self._open_items: list[tuple[int, str]] = []  # (indent, line) of the items above
        self._macro_names: frozenset[str] = frozenset()  # a code block's macro pieces (`macros.py`)
        self._card_flow = CardFlow()  # the block's card data flows (`card_copy.py`)
        self._c_block_start = 0
        self._window: deque[tuple[int, str]] = deque(maxlen=_SPAN_LINES)  # the block's last lines
        self._armed: dict[int, int] = {}  # SPANNING patterns whose literal a recent line held
        self._spanned: set[tuple[Capability, int]] = set()
        self._key_buffers: set[str] = set()
        self._saved_names: frozenset[str] = frozenset()
        self._self_names: frozenset[str] = frozenset()
        self._products: frozenset[str] = frozenset()
        self._key_paths: frozenset[str] = frozenset()
        self._statement = ""  # the line being judged, with those continued onto it
        self._aliases: dict[str, str] = {}  # PowerShell aliases the response has defined
        # The names each flow's `bind` has bound so far, by `bind` (flows sharing one share it).
        self._flows: dict[Callable[[str, frozenset[str]], frozenset[str]], frozenset[str]] = {}
        self._password_inputs: frozenset[str] = frozenset()
        self._posted_fields: frozenset[str] = frozenset()
        self._recent_channels: list[list[Hit]] = []
        self._halted = False
        self._score = 0.0
        self._verdict = self._allow_verdict()

    @property
    def halted(self) -> bool:
        """True once the monitor has halted the stream."""
        return self._halted

    def feed(self, chunk: str) -> StreamDecision:
        """Take the next chunk of the response; say what may be emitted now."""
        if self._halted:
            return StreamDecision(True, "", self._verdict)
        self._chunks.append(chunk)
        self._unreleased += chunk
        self._pending += chunk
        if "\n" in chunk or len(self._pending) > MAX_LINE:  # an endless line is judged in pieces
            *lines, self._pending = self._pending.split("\n")
            for line in lines:
                if self._take_line(line + "\n", ends_line=True):
                    return StreamDecision(True, "", self._verdict)
            while len(self._pending) > MAX_LINE:
                cut = _piece_end(self._pending)
                piece, self._pending = self._pending[:cut], self._pending[cut:]
                if self._take_line(piece, ends_line=False):
                    return StreamDecision(True, "", self._verdict)
        self._read_prose()
        return StreamDecision(False, self._release(self._frontier()), self._verdict)

    def finish(self) -> StreamDecision:
        """The stream has ended: judge what is left and the whole response, release the rest."""
        if self._halted:
            return StreamDecision(True, "", self._verdict)
        if self._pending:
            line, self._pending = self._pending, ""
            if self._take_line(line, ends_line=True):
                return StreamDecision(True, "", self._verdict)
        whole = judge_response(self._text(), self.request, self.constitution)
        if whole.decision is Decision.REFUSE:
            return self._halt(whole)
        if whole.score > self._score:
            self._score = whole.score
        self._verdict = whole.model_copy(update={"score": self._score})
        return StreamDecision(False, self._release(self._judged), self._verdict)

    # -- internals ---------------------------------------------------------------------------

    def _text(self) -> str:
        if len(self._chunks) > 1:
            self._chunks = ["".join(self._chunks)]
        return self._chunks[0] if self._chunks else ""

    def _release(self, upto: int) -> str:
        if upto <= self._released:
            return ""
        count = upto - self._released
        out, self._unreleased = self._unreleased[:count], self._unreleased[count:]
        self._released = upto
        return out

    def _frontier(self) -> int:
        """How far release may go: plain prose less its holdback, never past held code."""
        upto = self._judged + self._line_plain - self.prose_holdback_chars
        floor = self._judged - self._code_holdback()  # code before this has waited long enough
        while self._code and self._code[0][1] <= floor:
            self._code.popleft()
        if self._code:
            upto = min(upto, max(self._code[0][0], floor))
        return upto

    def _code_holdback(self) -> int:
        """How much judged code waits: `holdback_chars`, grown once a block is suspect to half
        of that block so far (at most `max_holdback_chars`), so that a detector whose last piece
        comes at the block's end (a program's entry point wiring what it defined above) still
        halts with no more than half of the block out."""
        if self._suspect and self._code_start is not None and self._grown < self.max_holdback_chars:
            end = self._judged if self._code_end is None else self._code_end
            middle = self._code_start + (end - self._code_start) // 2
            self._grown = max(self._grown, min(self.max_holdback_chars, self._judged - middle))
        return self._grown

    def _hold_as_code(self, start: int, end: int) -> None:
        if start >= end:
            return
        if self._code and self._code[-1][1] >= start:
            self._code[-1][1] = max(self._code[-1][1], end)
        else:
            self._code.append([start, end])

    def _read_prose(self) -> None:
        """Extend the plain-prose part of the pending line over what has arrived since."""
        if self._in_code or self._line_held:
            return
        line = self._pending
        position = self._line_plain
        if self._line_start and position == 0:
            stripped = line.lstrip(" \t")
            if not stripped:
                return  # the line's first word has not begun
            indent = line[: len(line) - len(stripped)]
            lead = _MARKDOWN_LEAD.match(stripped)
            marker = lead.end() if lead else 0
            if not marker and _MARKER_START.fullmatch(stripped):
                return  # may yet be a list marker or a heading
            if (len(indent) >= 4 or "\t" in indent) and not marker:
                self._line_held = self._line_code = True  # an indented code line
                return
            position = len(indent) + marker
            rest = line[position:]
            if not rest:
                return  # a list marker, and no word yet
            first = re.match(r"[^\s]*", rest)
            first_word = first.group(0) if first else ""
            complete = len(first_word) < len(rest)
            if rest[0] in "`~" or (complete and first_word in _CODE_WORDS):
                self._line_held = self._line_code = True  # a fence, or a statement or command
                return
            if not complete and any(word.startswith(first_word) for word in _CODE_WORDS):
                return  # may yet be a keyword or a command
        signal = _CODE_SIGNAL.search(line, max(0, position - 1))
        if signal is not None and signal.start() >= position:
            self._line_held = True
            self._line_plain = max(self._line_plain, signal.start())
            return
        end = len(line)
        while end > position and line[end - 1] in _AMBIGUOUS_TAIL:
            end -= 1
        self._line_plain = max(self._line_plain, end)

    def _take_line(self, line: str, *, ends_line: bool) -> bool:
        """Judge a complete line (or a piece of an endless one) and decide how it is held."""
        start, was_code = self._judged, self._in_code
        self._line_read_as_code = False
        if self._judge_line(line):
            return True
        code = was_code or self._in_code or self._line_code  # in a block, or its fence
        held_code = code or self._line_read_as_code
        if held_code:
            self._hold_as_code(start + (0 if code else self._line_plain), start + len(line))
        self._line_plain = 0
        self._line_start = ends_line
        self._line_held = self._line_code = not ends_line and held_code
        return False

    def _judge_line(self, line: str) -> bool:
        """Judge one complete line; True when it halts the stream."""
        offset = self._judged
        self._judged += len(line)
        if line.endswith("\n"):
            self._found.line_breaks.append(offset + len(line) - 1)
        fence = _FENCE.match(line)
        if fence:
            self._in_code = not self._in_code
            if self._in_code and self._code_start is None:
                self._code_start = offset + len(line)
            self._code_end = None if self._in_code else offset
            tag = fence.group(2)
            self._language = (language_for_fence(tag) if tag else None) if self._in_code else None
            self._detection_block = self._in_code and tag.lower() in DETECTION_TAGS
            self._falco_column = None
            self._block_lines = 0
            self._c_block, self._c_block_start = [], offset + len(line)
            self._block_text, self._dga_pieces = [], frozenset()
            self._listing_marks = set()
            self._rereads = {}
            self._window.clear()
            self._armed.clear()
            self._macro_names = frozenset()
            self._card_flow = CardFlow(self._language in _PAGE_LANGUAGES)
            return False
        hits = self._own_use(
            line, offset, self._line_hits(line, offset) + self._spanning(line, offset)
        )
        hits += self._c_helpers(line)
        if self._in_code and not self._detection_block:
            self._block_text.append(line)  # read by `_generated_names` and `_agent_sockets`
        hits += self._generated_names(line)
        hits += self._agent_sockets(line)
        hits += self._listing_hooks(line)
        hits += self._macro(line, offset)
        hits += self._key_exfil(line, hits)
        hits += self._dropped_and_run(line, offset, hits)
        hits += self._self_copy(line, offset)
        known = self._password_inputs
        self._password_inputs = password_inputs(line, known)
        hits += password_input_reads(line, self._password_inputs, offset)
        # A handler that read a field earlier, which this line declares a password input.
        self._posted_fields |= posted_fields(line)
        if (self._password_inputs - known) & self._posted_fields:
            hits.append(Hit(Capability.POSTED_PASSWORD, offset, offset + len(line), line))
        for bind in _BINDS:
            self._flows[bind] = bind(line, self._flows.get(bind, frozenset()))
        # an example quoted in an explanation (`shown_as_example`) is no use of a flow either
        followed = blanked(line, self._examples) if self._examples else line
        for bind, find, capability in _FOLLOWED:
            hits += self._use(followed, offset, find, self._flows[bind], capability)
        steps = self._plan_steps(line, offset)
        if steps:
            self._found.extend(steps)
            # Only the plan's detector reads steps, and only once a step attacks or hides.
            if not hits and not self._found.hits.keys() & SIGN_CAPABILITIES:
                return False
        if hits or steps:
            self._line_read_as_code |= bool(hits) and not self._in_code  # prose that gave evidence
            # Every new hit may matter (some detectors count places), not only new kinds.
            self._found.extend(hits)
            if not self._suspect:
                self._suspect = any(hit.capability not in ORDINARY for hit in hits)
            return self._reconsider()
        return False

    def _spanning(self, line: str, offset: int) -> list[Hit]:
        """The streaming form of the patterns written across lines (`capabilities.SPANNING`):
        once a block's line holds one of a pattern's literals, the pattern is read over the
        block's last lines for the next few lines, and a match begun on an earlier line and
        ending on this one is a hit (one within this line alone the line's own scan finds)."""
        if not self._in_code or self._detection_block:
            return []
        self._window.append((offset, line))
        for index in spanning_in(line):
            self._armed[index] = _SPAN_LINES
        if not self._armed:
            return []
        start = self._window[0][0]
        text = "".join(piece for _, piece in self._window)
        this_line = len(text) - len(line)
        plain = reads_as_ascii(text)
        hits: list[Hit] = []
        for index in list(self._armed):
            capability, pattern = SPANNING[index]
            for match in (ascii_twin(pattern) if plain else pattern).finditer(text):
                key = (capability, start + match.start())
                if match.start() < this_line < match.end() and key not in self._spanned:
                    self._spanned.add(key)
                    hits.append(Hit(capability, key[1], start + match.end(), match.group(0)))
            self._armed[index] -= 1
            if not self._armed[index]:
                del self._armed[index]
        return hits

    def _plan_steps(self, line: str, offset: int) -> list[Hit]:
        """The streaming form of the prose reading (`plans.plan_hits`, which reads a line at a
        time): the step a prose line instructs, unless the response opened by declining."""
        if self._in_code or self._declined or self._line_read_as_code or not line.strip():
            return []  # code, a declining answer, or a line `_line_hits` read as code
        if len(self._analysis) < ANALYSIS_MARKS_NEEDED:
            self._analysis |= analysis_marks(line)
        return plan_hits(line, offset, len(self._analysis) >= ANALYSIS_MARKS_NEEDED)

    def _macro(self, line: str, offset: int) -> list[Hit]:
        """The streaming form of `macros.macro_hits`, read in code blocks only (as the whole
        reading reads code only): a piece of an Office macro dropper or of a macro's fake
        password prompt, on a line once all their pieces have been seen."""
        if not self._in_code or self._detection_block:
            return []
        self._macro_names = macro_bind(line, self._macro_names)
        hits: list[Hit] = []
        for find, capability in (
            (dropper_in_line, Capability.MACRO_DROPPER),
            (phish_in_line, Capability.MACRO_PASSWORD_PROMPT),
            (collector_in_line, Capability.MACRO_COLLECTOR),
        ):
            hits += self._use(line, offset, find, self._macro_names, capability)
        return hits

    def _agent_sockets(self, line: str) -> list[Hit]:
        """The streaming form of `agent_sockets.agent_socket_hits` over a block's lines (a
        sweep of others' agent sockets read over several lines): read again on each line that
        points SSH at a socket outside a comment, its new hits kept."""
        if not self._in_code or self._detection_block or "SSH_AUTH_SOCK" not in line:
            return []
        if _COMMENT_LINE.match(line):
            return []
        return self._reread_block(Capability.AGENT_SOCKET_TAKEN, agent_socket_hits)

    def _reread_block(
        self,
        capability: Capability,
        reading: Callable[[str, int], list[Hit]],
        *,
        once: bool = False,
    ) -> list[Hit]:
        """The new hits of `capability` that `reading` finds over the block so far, its
        commented-out lines blanked (offsets kept, as the whole reading's cleaned code is); at
        most `_REREADS` times a block, and, when `once`, no more once the response holds a hit
        of it."""
        seen = {h.start for h in self._found.hits.get(capability, ())}
        done = self._rereads.get(capability, 0)
        if done >= _REREADS or (once and seen):
            return []
        self._rereads[capability] = done + 1
        code = "".join(
            _blanked(text) if _COMMENT_LINE.match(text) else text for text in self._block_text
        )
        return [hit for hit in reading(code, self._c_block_start) if hit.start not in seen]

    def _listing_hooks(self, line: str) -> list[Hit]:
        """The streaming form of `preload_hide.listing_hook_hits` (a preloaded `readdir` that
        passes over entries of `/proc`), read over the block so far rather than only once the
        whole block is read: once the block has named `RTLD_NEXT`, `readdir` and `/proc`, on
        each line that closes a top-level definition or names `readdir` again (a macro's use),
        its new hits kept. The definition is whole when its body closes, often well before the
        block's end, where the library's constructor or `main` follows."""
        if not self._in_code or self._detection_block:
            return []
        if len(self._listing_marks) < len(_LISTING_MARKS):
            self._listing_marks.update(mark for mark in _LISTING_MARKS if mark in line)
            if len(self._listing_marks) < len(_LISTING_MARKS):
                return []
        if not line.startswith("}") and "readdir" not in line:
            return []
        if _COMMENT_LINE.match(line):
            return []
        # one preloaded listing is the whole artifact's core: read again no more once found
        return self._reread_block(Capability.LISTING_HOOKED, listing_hook_hits, once=True)

    def _generated_names(self, line: str) -> list[Hit]:
        """The streaming form of `code.domain_generation_hits`: once a block has shown a
        top-level domain, letters mixed and a date, the block so far is read for server names
        computed from the date, on each line adding one of those pieces and then on each line
        writing out a top-level domain, until they are found."""
        if not self._in_code or self._detection_block or self._dga_pieces is None:
            return []
        if len(self._dga_pieces) < DGA_PIECES:
            pieces = domain_generation_pieces(line, self._dga_pieces)
            if not pieces:
                return []
            self._dga_pieces |= pieces
            if len(self._dga_pieces) < DGA_PIECES:
                return []
            hits = domain_generation_hits("".join(self._block_text), self._c_block_start)
        elif holds_top_level_domain(line):
            # Read before without a name found (the top-level domain was a plain URL's): the
            # letters mixed and the date are known, so only the domains are read again.
            hits = top_level_domain_hits("".join(self._block_text), self._c_block_start)
        else:
            return []
        if hits:
            self._dga_pieces = None  # found: the block is not read again
        return hits

    def _c_helpers(self, line: str) -> list[Hit]:
        """The streaming form of the C helper flows (`c_functions.py`): when a C block's
        top-level function closes, the block so far is read for remote input run as a command
        through helpers (once per function, not per line)."""
        if not self._in_code or self._language not in (CodeLanguage.C, CodeLanguage.CPP):
            return []
        self._c_block.append(line)
        if not line.startswith("}"):
            return []
        block = "".join(self._c_block)
        if not (reads_network_input(block) or reads_web_input(block)):
            return []
        seen = {
            (h.start, h.capability) for h in self._found.hits.get(Capability.REMOTE_COMMAND, ())
        }
        seen |= {
            (h.start, h.capability) for h in self._found.hits.get(Capability.REQUEST_TO_EXEC, ())
        }
        return [
            hit
            for hit in remote_input_hits(block, self._c_block_start)
            if (hit.start, hit.capability) not in seen
        ]

    def _own_use(self, line: str, offset: int, hits: list[Hit]) -> list[Hit]:
        """The streaming form of `searched` and `own_use`: what a regular expression on this
        line looks for is not done, a key this line names as a connection's identity is not a
        secret taken, and deletions of what earlier lines made are cleanup."""
        self._products = product_names(line, self._products)
        self._statement = continued(self._statement, line.rstrip("\n"))
        hits = without_terminal_echo(line, without_searched_for(line, hits, offset), offset)
        if hits:
            hits = without_script_arguments(line, without_logged_events(line, hits, offset))
        hits, self._key_paths = key_uses(line, offset, hits, self._key_paths)
        cleanup = retained(self._statement, self._products, hits)
        return [h for h in hits if h not in cleanup] if cleanup else hits

    def _key_exfil(self, line: str, hits: list[Hit]) -> list[Hit]:
        """The streaming form of the captured-keys data flow: a channel call (this line or the
        two before) that carries a buffer earlier lines filled with keys."""
        if any(hit.capability is Capability.KEY_BUFFER for hit in hits):
            name = BUFFER_NAME.search(line)
            if name is not None:
                self._key_buffers.add(name.group(1))
        channels = [hit for hit in hits if hit.capability in KEY_CHANNELS]
        self._recent_channels = [*self._recent_channels[-2:], channels]
        if not self._key_buffers or not any(self._recent_channels):
            return []
        if not any(name_written(line, n, before=r"\b") for n in self._key_buffers):
            return []
        return [
            Hit(Capability.KEY_EXFIL, hit.start, hit.end, hit.text)
            for recent in self._recent_channels
            for hit in recent
        ]

    def _dropped_and_run(self, line: str, offset: int, hits: list[Hit]) -> list[Hit]:
        """The streaming form of the download-and-run data flow: this line runs a file that an
        earlier line downloaded."""
        found = []
        written = written_names(line, self._saved_names, case_blind=True)
        if written:  # the run names one of them
            match = run_of_saved(written).search(line)
            if match is not None:
                start, end = offset + match.start(), offset + match.end()
                found.append(Hit(Capability.RUN_DOWNLOADED, start, end, match.group(0)))
        if any(hit.capability in DOWNLOADS for hit in hits):
            self._saved_names = self._saved_names | saved_names(line)
        return found

    def _self_copy(self, line: str, offset: int) -> list[Hit]:
        """The streaming form of the self-copy data flow: this line copies, writes or sends a
        name that earlier lines bound to the program's own file."""
        if not self._self_names and not mentions_self(line):
            return []
        sink = self_copy_in_line(line, self._self_names)
        self._self_names = self_names(line, self._self_names)
        if sink is None:
            return []
        return [Hit(Capability.SELF_COPY, offset + sink.start(), offset + len(line), line)]

    def _use(
        self,
        line: str,
        offset: int,
        find: Callable[[str, frozenset[str]], re.Match[str] | None],
        names: frozenset[str],
        capability: Capability,
    ) -> list[Hit]:
        """The streaming form of a name-following data flow (see `code.line_flow`): `find`
        looks in this line for a use of the names the flow's `bind` has bound so far."""
        use = find(line, names)
        if use is None:
            return []
        start = offset + use.start()
        return [Hit(capability, start, start + len(use.group(0)), use.group(0))]

    def _line_hits(self, line: str, offset: int) -> list[Hit]:
        self._examples = []
        if self._declined is None and line.strip():  # the response's first words
            self._declined = not self._in_code and opens_by_declining(line)
        if self._in_code:
            self._block_lines += 1
            if self._block_lines == 1:
                # a program opening a here-string or heredoc carries what follows as data
                # (`quoted_rules.py`): a monitor's configuration inside it is no rule block
                self._opens_literal = opens_literal(line)
            if (
                self._block_lines <= 2
                and _DETECTION_START.match(line)
                and not (self._block_lines == 2 and self._opens_literal and is_configuration(line))
            ):
                self._detection_block = True
                self._falco_column = -1 if line.lstrip().startswith("-") else None
            if self._detection_block and self._falco_column is not None:
                # a Falco rule file is one whole (`code.falco_line`): a command among its
                # lines makes the block a program again, read from that line on
                column = falco_line(line, self._falco_column)
                self._detection_block = column is not None
                self._falco_column = column
            if self._detection_block:
                # kept: what a rule looks for, quoted inline in the prose, names its indicator
                self._rule_lines.append(line)
                self._indicators = None
                return []
            if _COMMENT_LINE.match(line):
                return []
            if self._language is None:
                self._language = guess_language(line)
            return self._code_hits(line, offset, self._language) + self._card_flow.line(
                line, offset
            )
        if _CODE_LINE.search(line) and not _COMMENT_LINE.match(line):
            self._line_read_as_code = True
            return self._code_hits(line, offset, guess_language(line))
        if self._declined:
            return []  # a declining answer's inline code is quoted, not a program
        hits: list[Hit] = []
        # a list item is read below the line introducing its list ("alert on any of these:")
        item = list_item(line)
        lead = self._list_lead + "\n" if item and self._list_lead else ""
        if item:
            # a nested list's lead is the item it hangs from, less indented than its own
            indent = len(line) - len(line.lstrip())
            while self._open_items and self._open_items[-1][0] >= indent:
                self._open_items.pop()
            if self._open_items:
                lead = self._open_items[-1][1] + "\n"
            self._open_items.append((indent, line.rstrip("\n")))
        if leads_list(line):
            self._list_lead = line.rstrip("\n")
            self._open_items.clear()
        prose = lead + line
        for match in _INLINE_CODE.finditer(line):
            at = len(lead) + match.start()
            if is_name_mention(match.group(1)) or watched_for(prose, at):
                continue
            if shown_as_example(prose, at, len(lead) + match.end()):
                self._examples.append(match.span(1))
                continue
            hits.extend(scan(match.group(1), offset + match.start(1)))
        if hits and self._rule_lines:
            hits = not_indicators(hits, self._rule_indicators())
        return hits

    def _rule_indicators(self) -> set[Capability]:
        """What the response's detection rules so far look for (read once, when first asked)."""
        if self._indicators is None:
            self._indicators = rule_indicators("".join(self._rule_lines))
        return self._indicators

    def _code_hits(self, line: str, offset: int, language: CodeLanguage) -> list[Hit]:
        if language is CodeLanguage.BASH or "base64" in line.lower() or holds_decoded_payload(line):
            return code_hits(line, language, offset)
        hits = list(scan(line, offset))
        hits += self._split_view(line, offset, {hit.capability for hit in hits})
        if language is CodeLanguage.POWERSHELL or looks_like_powershell(line):
            hits += self._powershell_view(line, offset, {hit.capability for hit in hits})
        # a shop's notice naming itself and linking to its own domain, as `code_hits` reads it
        return without_own_parcel_notices(line, hits)

    def _split_view(self, line: str, offset: int, seen: set[Capability]) -> list[Hit]:
        """The streaming form of the split-string view (`code.folded_strings`): a security
        control's name this line spells only in pieces joined at run time, cited at the whole
        line with the split itself (SPLIT_NAME)."""
        if "+" not in line or ("'" not in line and '"' not in line):
            return []
        folded = folded_strings(line)
        if folded == line:
            return []
        body = line.rstrip("\n")
        revealed = {
            hit.capability
            for hit in scan(folded)
            if hit.capability in WATCHED_NAMES and hit.capability not in seen
        }
        return [
            Hit(capability, offset, offset + len(body), body)
            for capability in (*sorted(revealed), *([Capability.SPLIT_NAME] if revealed else []))
        ]

    def _powershell_view(self, line: str, offset: int, seen: set[Capability]) -> list[Hit]:
        """The streaming form of the PowerShell view (`powershell.resolved`): this line with
        the aliases defined so far written out, its new capabilities cited at the whole line."""
        self._aliases.update(defined_aliases(line))
        view = resolved(folded_strings(line), self._aliases)
        if view == line:
            return []
        body = line.rstrip("\n")
        return [
            Hit(hit.capability, offset, offset + len(body), body)
            for hit in scan(view)
            if hit.capability not in seen
        ]

    def _reconsider(self) -> bool:
        detections = evaluate(self._found, self.constitution)
        if not detections:
            return False
        best = detections[0][1].score
        if best <= self._score:
            return False
        self._score = best
        if best >= REFUSE_AT:
            return bool(
                self._halt(
                    build_verdict(self._text(), detections, self.constitution, "response")
                ).halted
            )
        self._verdict = self._allow_verdict()
        return False

    def _halt(self, verdict: Verdict) -> StreamDecision:
        self._halted = True
        score = max(self._score, verdict.score)
        self._score = score
        self._verdict = verdict.model_copy(
            update={
                "notes": (
                    *verdict.notes,
                    f"stream halted after {self._judged} characters judged,"
                    f" {self._released} released",
                )
            }
        ).model_copy(update={"score": score})
        return StreamDecision(True, "", self._verdict)

    def _allow_verdict(self) -> Verdict:
        return Verdict(
            decision=Decision.ALLOW,
            score=round(self._score, 3),
            principles=("PR-PROGRAMMING",),
            explanation=(
                "Allowed under PR-PROGRAMMING: no detector has found a complete offensive"
                " capability so far."
            ),
            kind="response",
        )
