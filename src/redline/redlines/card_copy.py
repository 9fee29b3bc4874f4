"""Card data copied beside the payment: the skimmer's second destination (CARD_COPY).

A checkout hands the card number and security code to its payment provider once: the provider's
own library tokenises it in the page, or the server forwards it to its gateway. A skimmer adds a
second destination. In the page, a script reads the card inputs and sends what they hold to a
host of its own (an image request, a beacon, a WebSocket); on the server, code in the payment
step copies the submitted number and code into a file, a cache, a table or a mail of its own, or
posts them to a second host.

Both shapes are read as flows over a code block's statements (lines joined while brackets stay
open), whole (`card_copy_hits`, from `code_hits`) or as the block streams in (`CardFlow.line`,
from the streaming monitor). On the server: names bound to submitted card fields
(`$_POST['cc_number']`, `params[:cvv]`, `p['card_number']`, `request.form['cvc']`,
`$payment->getCcNumber()`; in a hook on a shop's payment step, the raw request body too),
followed through the values built from them (joined, serialised, encrypted, encoded), to a call
that keeps them (file, cache, table, mail) or ships them. A value cut to its last four digits
or its BIN, masked or hashed is no longer the card; the result of a call (the gateway's answer)
is not the card either. Only what carries the security code (or the whole request) counts: a
vault keeps the number, never the code. One send is the payment; a second send, or one that
base64-encodes the card or goes to a chat bot, is a copy. In a page: the script names card
inputs, reads input values and sends to a full address that is not the payment provider's (or
through a name bound to one, or to an address it decodes at run time); a provider's own
integration (Stripe, Braintree, Adyen, Accept.js) is left alone unless the script writes card
inputs of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from redline.redlines.capabilities import Capability, Gated, Hit, matching_close
from redline.redlines.named import NAME_PATTERN_CACHE

_KEY = (
    r"(?:cc[-_]?(?:num(?:ber)?|no|cvv2?|cvc2?|csc|cid)|card[-_]?(?:num(?:ber)?|no|cvv2?|cvc2?|code)"
    r"|cardnumber|credit[-_]?card|cvv2?|cvc2?|csc|security[-_]?code)"
)
_QUICK = Gated(
    re.compile(
        r"cc[-_]?(?:num|no|cvv|cvc|csc|cid|exp)|getCc|card|cvv|cvc|csc|security.?code|php://input|getAdditional"
        r"|SavePaymentInformation|PlaceOrder|woocommerce_",
        re.I,
    )
)
# the card's security code (or the whole card, as one value): what no legitimate system keeps
_CODE_KEY = (
    r"(?:cc[-_]?(?:cvv2?|cvc2?|csc|cid)|card[-_]?(?:cvv2?|cvc2?|code)|credit[-_]?card|cvv2?|cvc2?|csc"
    r"|security[-_]?code)"
)


def _source(key: str, getters: str) -> re.Pattern[str]:
    """A submitted card field read: a subscript, a `get`, `dig` or `fetch` of its key, a
    request body's attribute, a payment object's getter."""
    return re.compile(
        rf"(?:\[\s*(?:['\"]|:)(?:[\w\[\]-]*?[\[_-])?{key}['\"]?\s*\]"
        rf"|\.(?:get|dig|fetch|getData|getAdditionalInformation|input|post|param)\s*\((?:[^)\n]*[,(]\s*)?\s*(?:['\"]|:){key}['\"]?\s*[,)]"
        rf"|\b(?:body|form|params|data|payment)\.{key}\b"
        rf"|->getCc(?:{getters})\s*\(\s*\))",
        re.I,
    )


_SOURCE = _source(_KEY, "Number|Cid|Cvv|ExpMonth")
_CODE_SOURCE = _source(_CODE_KEY, "Cid|Cvv")
# the payment step of a shop, hooked (Magento's payment-information plugins, WooCommerce's
# checkout actions): there the raw request body or the payment's extra data carries the card
_PAYMENT_HOOK = re.compile(
    r"\bfunction\s+(?:before|around|after)SavePaymentInformation\w*\s*\(|\bfunction\s+(?:before|around)PlaceOrder\s*\("
    r"|['\"]woocommerce_(?:checkout_process|after_checkout_validation|checkout_order_processed|new_order|checkout_update_order_meta)['\"]",
    re.I,
)
_HOOK_SOURCE = re.compile(
    r"php://input|->getAdditionalData\s*\(|\bjson_encode\s*\(\s*\$_(?:POST|REQUEST)\s*\)"
    r"|\bfile_get_contents\s*\(\s*['\"]php://input",
    re.I,
)
# what no longer is the card: its last four digits, a mask, a hash
_REDUCED = re.compile(
    r"(?:[\w$@.>-]|\[[^\]\n]*\])*(?:\[\s*-4\s*:?\s*\]|\[\s*-4\s*\.\.\s*-?1?\s*\]|\.slice\s*\(\s*-4\s*\)|\.last\s*\(\s*4\s*\))"
    r"|\b(?:substr|mb_substr)\s*\([^)\n]*-\s*4\s*\)"
    r"|(?:[\w$@.>-]|\[[^\]\n]*\])*(?:\[\s*0?\s*:\s*[68]\s*\]|\[\s*0\s*(?:,\s*[68]|\.\.\.?\s*[5-8])\s*\]|\.(?:slice|substring|substr)\s*\(\s*0\s*,\s*[68]\s*\)|\.first\s*\(\s*[68]\s*\))"
    r"|\b(?:substr|mb_substr)\s*\([^,)\n]*,\s*0\s*,\s*[68]\s*\)"
    r"|[\w$.>-]*\b(?:mask|redact|hash|sha\d+|md5|hexdigest|digest|password_hash|crypt)\w*\s*\([^)\n]*\)|last_?4|last_?four",
    re.I,
)
# where a copy is kept or shipped, and whether that is a remote host
_KEEP = Gated(
    re.compile(
        r"\b(?:file_put_contents|fwrite|fputs|fputcsv)\s*\(|\bFile\.(?:write|open|binwrite)\s*\(|\bIO\.write\s*\("
        r"|\b(?:appendFile|writeFile)(?:Sync)?\s*\(|(?<!\bres)(?<!response)(?<!wfile)(?<!stdout)(?<!stderr)\.write(?:lines)?\s*\("
        r"|(?<!stdout)(?<!stderr)\.puts\s*\("
        r"|\bcache\.(?:set|add|put|save)\s*\(|\bredis\.\w+\s*\(|->save\s*\(|\bsetex\s*\("
        r"|\bINSERT\s+INTO\b|\.insert(?:_one|_many)?\s*\(|\.objects\.create\s*\(|->insert\s*\("
        # a model of the application's own created from the card (`Snapshot.create!(pan: ...)`),
        # not a payment SDK's object (`Stripe::Charge.create`, `stripe.PaymentMethod.create`)
        r"|(?<![:.\w])(?-i:(?!(?:Charge|Token|PaymentIntent|PaymentMethod|Customer|Transaction|Source|Card|SetupIntent|Refund|Payment)\b)[A-Z]\w*)\.create!?\s*\("
        r"|\b(?:wp_)?mail\s*\(|\bsend_mail\s*\(|\bsendmail\b|\.send_message\s*\(|\bMail::|\.deliver(?:_now|_later)?\b",
        re.I,
    )
)
_SHIP = Gated(
    re.compile(
        r"\bcurl_setopt\w*\s*\([^\n]*CURLOPT_POSTFIELDS|\bwp_remote_(?:post|get|request)\s*\(|\brequests\.\w+\s*\("
        r"|\bhttpx\.\w+\s*\(|\burlopen\s*\(|\bNet::HTTP\.\w+|\bHTTParty\.\w+|\bFaraday\.\w+|\bfetch\s*\("
        r"|\.sendBeacon\s*\(|(?<!\bres)(?<!response)(?<!reply)(?<!\))\.send\s*\(|\baxios\.\w+\s*\(|\$\.(?:post|ajax|get|getJSON)\s*\(|\.src\s*=(?!=)"
        r"|\bfile_get_contents\s*\(\s*['\"]https?://|->(?:post|request)\s*\(",
        re.I,
    )
)
_ENCODED = re.compile(
    r"\b(?:btoa|base64_encode|b64encode|urlsafe_b64encode|encode64|strict_encode64|toString\s*\(\s*['\"]base64)\s*\(?"
    r"|\bBuffer\.from\s*\(",
    re.I,
)
_CHAT = re.compile(r"api\.telegram\.org|discord(?:app)?\.com/api/webhooks|hooks\.slack\.com", re.I)
_ASSIGNED = re.compile(
    r"^\s*(?:(?:var|let|const|my|local)\s+)?((?:[$@]{0,2}[A-Za-z_][\w.]*(?:->\w+)*(?:\[[^\]\n]*\])*\s*,\s*)*[$@]{0,2}[A-Za-z_][\w.]*(?:->\w+)*)(?:\[[^\]\n]*\])*\s*(?:\|\||\.|\+)?=(?![=>~])\s*(.*)",
    re.S,
)
# a value made from its operands, not a call's answer: literals, concatenation, and the calls
# that only encode, serialise or join what they are given
_SHAPING = Gated(
    re.compile(
        r"(?:json_encode|json\.dumps|JSON\.stringify|serialize|base64_encode|b64encode|btoa|implode|join"
        r"|format|sprintf|str|String|encodeURIComponent|to_json|openssl_encrypt|encrypt\w*|urlencode"
        r"|http_build_query|array|compact|dict|list|Array|Object\.assign|unescape|escape|strict_encode64"
        r"|encode64|trim|strip|strval|\w*\.(?:encode|join|to_json|to_s|strip|trim|values|to_h))$"
    )
)
_SOURCE_CALL = re.compile(
    r"(?:^|[.>:])(?:file_get_contents|getAdditionalData|getCc\w+|get|dig|fetch|getData"
    r"|getAdditionalInformation|input|param|post|get_json|getJSON)$"
)
_CALL_HEAD = re.compile(r"\s*(?:await\s+|new\s+|\(\w+\)\s*)?([\w$\\:.>-]+?)\s*\(")


_MAX_STATEMENT_LINES = 12
_BLOCK_HEAD = re.compile(r"(?:[)\w>]|^)\s*\{\s*$")


def _balance(line: str) -> int:
    """Brackets `line` opens less those it closes."""
    return (
        line.count("(")
        + line.count("[")
        + line.count("{")
        - line.count(")")
        - line.count("]")
        - line.count("}")
    )


def statements(code: str) -> Iterator[tuple[int, str]]:
    """Each line of `code`, joined with the lines after it while its brackets stay open (a
    call or a literal spread over lines), with its offset in `code`; a line opening a block
    (`function () {`, `if (...) {`) stands alone."""
    start, depth = 0, 0
    pieces: list[str] = []
    position = 0
    for line in code.split("\n"):
        if not pieces:
            start = position
        pieces.append(line)
        position += len(line) + 1
        if len(pieces) == 1 and _BLOCK_HEAD.search(line):
            yield start, line
            pieces = []
            continue
        depth += _balance(line)
        if depth <= 0 or len(pieces) >= _MAX_STATEMENT_LINES:
            yield start, "\n".join(pieces)
            pieces, depth = [], 0
    if pieces:
        yield start, "\n".join(pieces)


def _mentions(text: str, names: set[str], source: re.Pattern[str] = _SOURCE) -> bool:
    """Whether `text` holds card data: a card field read (`source`) or one of `names`, other
    than cut to its last four digits, masked or hashed."""
    kept = _REDUCED.sub(" ", text)
    if source.search(kept):
        return True
    return any(_whole_name(name).search(kept) is not None for name in names)


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _whole_name(name: str, members: bool = True) -> re.Pattern[str]:
    """`name` used as a whole name (PHP's `$iv.$row` included); with `members=False`, not as
    another object's member (`form.card`)."""
    before = r"\w$@" if members else r"\w$@."
    return re.compile(rf"(?<![{before}]){re.escape(name)}(?![\w])")


def _shaped(value: str) -> bool:
    """Whether `value` is built from its operands rather than the answer of some call."""
    head = _CALL_HEAD.match(value)
    if head is None or re.match(r"\s*[\[{'\"`(]", value):
        return True
    callee = head.group(1)
    return _SHAPING.search(callee) is not None or _SOURCE_CALL.search(callee) is not None


_DESTRUCTURED = re.compile(
    r"^\s*(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:await\s+)?\w*\.?(?:body|params|query|data|payment)\b"
)


def _destructured(statement: str) -> list[str]:
    """The card fields a statement takes out of a request body (`const { cardNumber, cvv } =
    req.body`), by the names they are bound to."""
    match = _DESTRUCTURED.match(statement)
    if match is None:
        return []
    names = []
    for part in match.group(1).split(","):
        key, _, alias = part.partition(":")
        if re.fullmatch(rf"\s*{_KEY}\s*", key, re.I):
            names.append((alias or key).split("=")[0].strip())
    return names


def _bound(target: str) -> list[str]:
    names = []
    for part in target.split(","):
        name = re.sub(r"\[.*$", "", part.strip())
        if name:
            names.append(name)
    return names


def _encodes_card(text: str, names: set[str]) -> bool:
    """Whether `text` base64-encodes card data (not, say, a gateway's credentials)."""
    for match in _ENCODED.finditer(text):
        close = matching_close(text, match.end() - 1, "(", ")")
        end = len(text) if close is None else close + 1
        if _mentions(text[match.start() : end], names):
            return True
    return False


_PAGE_CARD = re.compile(
    r"\[(?:autocomplete|name|id|data-[\w-]+)\s*[*^$|~]?=\s*\\?['\"]?[^\]'\"\n]*?"
    r"(?:cc-(?:number|csc|exp)|cc_?(?:num|number|cvv|cvc|cid)|card[-_]?(?:num|number)|cardnumber|cvv|cvc|security[-_]?code)"
    r"|['\"`]#(?:cc[-_]?(?:num|number|csc|cvv|cvc|cid)|card[-_]?(?:num|number|cvv|cvc)|cardnumber|cvv2?|cvc2?)\b"
    r"|<input\b[^>\n]*\bautocomplete\s*=\s*\\?['\"]?cc-(?:number|csc)\b"
    r"|\b(?:getElementById|getElementsByName)\s*\(\s*['\"](?:cc[-_]?(?:num|number|csc|cvv|cvc|cid)|card[-_]?(?:num|number|cvv|cvc)|cardnumber|cvv2?|cvc2?)\w*['\"]"
    # the card inputs' autocomplete tokens kept for a selector built later
    # (`['cc-number', 'cc-csc'].forEach(a => q('[autocomplete="' + a + '"]'))`)
    r"|['\"`]cc-(?:number|csc)['\"`]",
    re.I,
)
# every form of the page hooked on submit, in the capture phase (before the page's own
# handlers): the checkout's card form among them, unless the hook leaves card fields out
_FORM_HOOK = re.compile(r"\b(?:document|window)\.addEventListener\s*\(\s*['\"]submit['\"]")
_CAPTURE_PHASE = re.compile(r",\s*(?:true|\{\s*capture\s*:\s*true\s*\})\s*\)")
_LEAVES_CARD_OUT = re.compile(
    r"(?:card|cc-|cvv|cvc|passw)[^\n]{0,60}\b(?:return|continue|delete)\b", re.I
)
_VALUE_READ = re.compile(r"\.value\b(?!\s*=[^=])|\.val\s*\(\s*\)|\bnew\s+FormData\s*\(")
_PAGE_SEND = re.compile(
    r"\bfetch\s*\(|\.sendBeacon\s*\(|\.open\s*\(\s*['\"]\w+['\"]|\bnew\s+Image\b"
    r"|\bnew\s+WebSocket\s*\(|\$\.(?:post|ajax|get|getJSON)\s*\(|\baxios\b",
    re.I,
)
# an image's address set: a request carrying its query (a script's or a frame's only loads it)
_SRC_SET = re.compile(r"([\w$]+)\s*\.src\s*=(?!=)")
_IMAGE = re.compile(r"\bnew\s+Image\b|\bcreateElement\s*\(\s*['\"]img['\"]", re.I)
# a full address in a script's string (a page's own markup attributes only load or link)
_ADDRESS = Gated(
    re.compile(
        r"(?:(?<=\.src=)|(?<!src=)(?<!href=)(?<!action=)(?<!content=)(?<!xmlns=)(?<!\w))"
        r"['\"`](?:(?:https?|wss?):)?//([\w.-]*)",
        re.I,
    )
)
# an address kept out of sight: decoded from base64 or character codes at run time, or spelt
# as code points that begin "http" (104, 116, 116, 112; 0x68, ...) for a helper to turn back
_HIDDEN_ADDRESS = re.compile(
    r"^\s*(?:window\.)?atob\s*\(|\bfromCharCode\b"
    r"|\b104\s*,\s*116\s*,\s*116\s*,\s*112\b|\b0x68\s*,\s*0x74\s*,\s*0x74\s*,\s*0x70\b",
    re.I,
)
# an address decoded where the request is made (`new Image().src = atob(K) + '?v=' + ...`),
# unless the request names its own site by a relative path
_DECODED_AT_SEND = re.compile(r"\batob\s*\(|\bfromCharCode\b")
_RELATIVE = re.compile(r"['\"`]/(?!/)")
# several names declared in one statement (`var d = document, ep = s([...]) + ..., bag = {}`)
_DECLARATION = re.compile(r"^\s*(var|let|const)\s+")
_PROVIDER = re.compile(
    r"(?:^|\.)(?:stripe\.com|braintreegateway\.com|braintree-api\.com|adyen\.com|adyenpayments\.com"
    r"|paypal\.com|squareup\.com|squarecdn\.com|authorize\.net|checkout\.com|mollie\.com|klarna\.com)$",
    re.I,
)
_TOKENISER = Gated(
    re.compile(
        r"\bStripe\s*\(|\bbraintree\.|\bhostedFields\b|\bAdyenCheckout\b|\bFrames\.init\b|\bSquare\.payments\b"
        r"|\bpaypal\.|\bcreateToken\s*\(|\.tokenize\s*\(|\bAccept\.dispatchData\s*\(",
    )
)
# card inputs the script writes itself (a look-alike form laid over the provider's frame)
_OVERLAY = re.compile(
    r"['\"`][^'\"`\n]*<input\b[^>\n]*\bautocomplete\s*=\s*\\?['\"]?cc-(?:number|csc)\b", re.I
)


_PAGE_QUICK = Gated(
    re.compile(
        r"//|\batob\b|fromCharCode|\b104\s*,\s*116|\b0x68\s*,\s*0x74|Image|createElement|\.src\b|\.value\b|\.val\s*\(|FormData|cc|card|cvv|cvc"
        r"|fetch|sendBeacon|\.open\s*\(|WebSocket|\$\.|axios|Stripe|braintree|hostedFields|Adyen|Frames|Square"
        r"|paypal|createToken|tokenize|submit|capture|true\s*\)|passw",
        re.I,
    )
)


class CardFlow:
    """The card data flows of one code block, read statement by statement (`statements`):
    whole (`hits`), or line by line as the block streams in (`line`), citing the same calls."""

    def __init__(self, page: bool = True) -> None:
        self.page = page
        self.hooked = False  # the block hooks a shop's payment step
        self.names: set[str] = set()  # names holding card data
        self.coded: set[str] = set()  # ... with its security code
        self.encoded: set[str] = set()  # ... base64-encoded
        self.shipped: list[tuple[Hit, bool]] = []  # sends carrying card data, and disguised
        self.addressed: set[str] = set()  # names holding a foreign or hidden address
        self.images: set[str] = set()  # names holding an image element
        self.card_field = False  # the script names card inputs
        self.value_read = False  # ... and reads input values
        self.tokeniser = False  # ... through a payment provider's library
        self.overlay = False  # ... or writes card inputs of its own
        self.form_hook = False  # ... or hooks every form's submission
        self.card_left_out = False  # ... skipping card fields
        self.page_sends: list[Hit] = []  # sends to a foreign address, until the script qualifies
        self.page_told = 0  # how many of them were reported
        self._pending: list[str] = []
        self._pending_start = 0
        self._depth = 0
        self._backlog: list[tuple[str, int]] | None = []  # streamed statements, until card data

    # -- whole blocks ---------------------------------------------------------------------

    def hits(self, code: str, offset: int) -> list[Hit]:
        """Every copy in `code` (one block, read whole), at `offset`."""
        found: list[Hit] = []
        for start, statement in statements(code):
            found += self.statement(statement, offset + start, streaming=False)
        if self.page and self._page_qualifies():
            found += self.page_sends
        return found

    # -- streaming ------------------------------------------------------------------------

    def line(self, line: str, offset: int) -> list[Hit]:
        """Take one line of a streamed block (with its offset); the copies it completes."""
        body = line.rstrip("\n")
        if not self._pending:
            self._pending_start = offset
            if _BLOCK_HEAD.search(body):
                return self._streamed(body, offset)
        self._pending.append(body)
        self._depth += _balance(body)
        if self._depth > 0 and len(self._pending) < _MAX_STATEMENT_LINES:
            return []
        statement = "\n".join(self._pending)
        self._pending, self._depth = [], 0
        return self._streamed(statement, self._pending_start)

    def _streamed(self, statement: str, at: int) -> list[Hit]:
        """A streamed statement: kept aside until the block first names card data (most blocks
        never do), then read with those kept before it."""
        if self._backlog is not None:
            self._backlog.append((statement, at))
            if _QUICK.search(statement) is None and not (self.page and _hooks_forms(statement)):
                return []
            backlog, self._backlog = self._backlog, None
            found: list[Hit] = []
            for kept, start in backlog:
                found += self.statement(kept, start, streaming=True)
            return found
        return self.statement(statement, at, streaming=True)

    # -- one statement --------------------------------------------------------------------

    def statement(self, statement: str, at: int, *, streaming: bool) -> list[Hit]:
        """Read one statement starting at `at`; what it reports now (`streaming`: page sends
        as soon as the script so far qualifies, and each send once it is a second send)."""
        found: list[Hit] = []
        if _QUICK.search(statement) or self.names or self.hooked:
            found += self._server(statement, at)
        if self.page and _PAGE_QUICK.search(statement):
            self._page(statement, at)
        if streaming and self.page and self._page_qualifies():
            found += self.page_sends[self.page_told :]
            self.page_told = len(self.page_sends)
        return found

    def _server(self, statement: str, at: int) -> list[Hit]:
        if not self.hooked and _PAYMENT_HOOK.search(statement):
            self.hooked = True
        value = statement
        assigned = _ASSIGNED.match(statement)
        if assigned is not None:
            value = assigned.group(2)
        taken = _destructured(statement)
        self.names.update(taken)
        self.coded.update(n for n in taken if re.fullmatch(_CODE_KEY, n, re.I))
        raw = self.hooked and _HOOK_SOURCE.search(value) is not None
        if not raw and not _mentions(value, self.names):
            return []
        # Only what carries the security code (or the whole request) is a skimmer's copy: a
        # vault keeping the number encrypted, or card-on-file data, never keeps the code.
        coded = raw or _mentions(value, self.coded, _CODE_SOURCE)
        keep = _KEEP.search(statement)
        ship = _SHIP.search(statement)
        found: list[Hit] = []
        if keep is not None:
            if coded:
                found.append(_hit(at + keep.start(), keep.group(0)))
        elif ship is not None and coded:
            hidden = (
                _encodes_card(statement, self.names)
                or any(_whole_name(n, members=False).search(statement) for n in self.encoded)
                or _CHAT.search(statement) is not None
            )
            # One send of the card is the payment itself; a second, or one disguised (encoded,
            # to a chat bot), is a copy.
            self.shipped.append((_hit(at + ship.start(), ship.group(0)), hidden))
            if len(self.shipped) == 2:
                found += [hit for hit, earlier in self.shipped[:1] if not earlier]
            if hidden or len(self.shipped) >= 2:
                found.append(self.shipped[-1][0])
        if assigned is not None and ship is None and _shaped(value):
            for name in _bound(assigned.group(1)):
                self.names.add(name)
                if coded:
                    self.coded.add(name)
                if _encodes_card(value, self.names):
                    self.encoded.add(name)
        return found

    def _page(self, statement: str, at: int) -> None:
        declaration = _DECLARATION.match(statement)
        if declaration is not None:
            declarators = list(_declarators(statement, declaration.end()))
            if len(declarators) > 1:
                for start, end in declarators:
                    self._page_one(f"{declaration.group(1)} {statement[start:end]}", at + start)
                return
        self._page_one(statement, at)

    def _page_one(self, statement: str, at: int) -> None:
        self.card_field = (
            self.card_field
            or _PAGE_CARD.search(statement) is not None
            or self._all_forms(statement)
        )
        self.value_read = self.value_read or _VALUE_READ.search(statement) is not None
        self.tokeniser = self.tokeniser or _TOKENISER.search(statement) is not None
        self.overlay = self.overlay or _OVERLAY.search(statement) is not None
        foreign = any(
            not _PROVIDER.search(m.group(1).rstrip(".")) for m in _ADDRESS.finditer(statement)
        )
        assigned = _ASSIGNED.match(statement)
        send = _PAGE_SEND.search(statement)
        if send is None:
            send = next(
                (m for m in _SRC_SET.finditer(statement) if m.group(1) in self.images), None
            )
        if assigned is not None and _IMAGE.search(assigned.group(2)):
            self.images.update(_bound(assigned.group(1)))
        uses = any(_whole_name(name, members=False).search(statement) for name in self.addressed)
        decoded = (
            send is not None
            and _DECODED_AT_SEND.search(statement, send.start()) is not None
            and _RELATIVE.search(statement) is None
        )
        if send is not None and (foreign or uses or decoded):
            self.page_sends.append(_hit(at + send.start(), send.group(0)))
        hidden = assigned is not None and _HIDDEN_ADDRESS.search(assigned.group(2)) is not None
        if assigned is not None and (foreign or uses or hidden) and send is None:
            self.addressed.update(_bound(assigned.group(1)))

    def _all_forms(self, statement: str) -> bool:
        """Whether the script, with `statement`, hooks every form's submission in the capture
        phase without leaving card fields out (the hook's statements read in order)."""
        if _hooks_forms(statement):
            self.form_hook = True
        if not self.form_hook or self.card_left_out:
            return False
        if _LEAVES_CARD_OUT.search(statement) is not None:
            self.card_left_out = True
            return False
        return _CAPTURE_PHASE.search(statement) is not None

    def _page_qualifies(self) -> bool:
        """The script names card inputs and reads values, and is not a payment provider's
        integration (its library tokenises what the inputs hold) unless it writes card inputs
        of its own."""
        return (
            self.card_field
            and self.value_read
            and (not self.tokeniser or self.overlay)
            and bool(self.page_sends)
        )


def _declarators(statement: str, start: int) -> Iterator[tuple[int, int]]:
    """Where each name declared from `start` of `statement` begins and ends: the text between
    the commas outside brackets and quotes (`d = document, ep = s([104, 116]) + x`)."""
    depth, quote, begin = 0, "", start
    for index in range(start, len(statement)):
        char = statement[index]
        if quote:
            if char == quote and statement[index - 1] != "\\":
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            yield begin, index
            begin = index + 1
    yield begin, len(statement)


def _hit(start: int, text: str) -> Hit:
    return Hit(Capability.CARD_COPY, start, start + len(text), text)


def _hooks_forms(code: str) -> bool:
    """Whether `code` hooks the submission of every form of the page."""
    return "submit" in code and _FORM_HOOK.search(code) is not None


def may_name_card(code: str) -> bool:
    """Whether `code` may name card data at all (most code never does)."""
    return _QUICK.search(code) is not None


def names_card_input(code: str) -> bool:
    """Whether `code` (comments included) names a card input the way a page's script does."""
    return _PAGE_CARD.search(code) is not None


def card_copy_hits(
    code: str, offset: int = 0, page: bool = True, fields: str | None = None
) -> list[Hit]:
    """Card data copied to a second destination: kept by the server beside the payment, or
    sent by a page's script to a host other than the payment provider's (`page`: the code is
    a page's script or markup; `fields`: the same code with its string constants kept, where
    the card inputs it names are also looked for, a list of selectors being one)."""
    if (
        not may_name_card(code)
        and (fields is None or not may_name_card(fields))
        and not (page and _hooks_forms(code))
    ):
        return []
    flow = CardFlow(page)
    flow.card_field = page and fields is not None and _PAGE_CARD.search(fields) is not None
    return flow.hits(code, offset)
