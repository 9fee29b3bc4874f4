r"""OUT-CARD-SKIMMER: payment card data copied to a second destination beside the payment.

What it catches
    Formjacking (Magecart) and its server-side twin. In the page: a script that names the card
    inputs (`input[autocomplete="cc-number"]`, `[name*="cvv"]`, `#cc-number`), reads input
    values and sends to a full address that is not the payment provider's, or to a name bound
    to one (`new Image().src = ep + '?v=' + btoa(...)`, `sendBeacon`, `fetch`, XHR, a
    WebSocket), however the address is spelled (`['https://', 'metrics', ...].join('')`,
    base64 decoded at the send, code points `[104, 116, 116, 112, ...]` a helper turns back),
    the selectors kept in a list (`sel = ['input[name*="cvv"]', ...]`, the inputs' autocomplete
    tokens `['cc-number', 'cc-csc']`), or every form of the page hooked on submit in the capture
    phase (`document.addEventListener('submit', ..., true)` sending `new FormData(e.target)`,
    unless it skips card fields), or the names declared
    together (`var d = document, ep = s([...]), bag = {}`). On
    the server: the submitted card number or security code (`$_POST['cc_number']`,
    `params[:cvv]`, `p['card_number']`, `request.form['cvc']`, `$payment->getCcNumber()`; in a
    hook on the payment step, Magento's `beforeSavePaymentInformation...` or a WooCommerce
    checkout action, the raw request body `php://input` too), followed through the values built
    from it (joined, serialised, encrypted, base64-encoded), with the security code among it,
    written to a file, a cache, a table or a mail of the code's own (`file_put_contents`,
    `Rails.cache.write`, `INSERT INTO`, `mail(`), or posted to a second host (two sends of the
    card, or one that is encoded or goes to a chat bot). The flows are read in `card_copy.py`
    (capability CARD_COPY), over whole blocks and, as a block streams, line by line. Also a
    point-of-sale RAM scraper: another process's memory read (`ReadProcessMemory`,
    `process_vm_readv`, `/proc/PID/mem`), card numbers picked out of it (a Luhn check, track
    1/2 data, a card number's pattern such as `4\d{12}(?:\d{3})?`) and
    something sent over the network or by mail.

Why it is a redline (RL-CREDENTIAL)
    It steals other people's payment cards: every customer of the shop, for as long as the
    code stays in place.

Example
    A Magento plugin on `PaymentInformationManagement` whose `beforeSavePaymentInformation
    AndPlaceOrder` reads `php://input`, encrypts it and appends it to
    `pub/media/.../banner_bg.jpg` to be fetched later; a footer "analytics" script that sends
    the card inputs' values to another host as an image request.

Allowed instead
    Tokenising with the provider's own library (Stripe Elements, Braintree hosted fields,
    Adyen) and posting only the token; Luhn checks, card-type detection and formatting in the
    form; showing or storing the last four digits or the BIN; a log filter that masks card
    numbers; forwarding the card to one's own configured gateway once (one send is the
    payment); a vault keeping the number encrypted without the code; tests with test card
    numbers; detection rules and scanners that quote skimmer strings; a lead-capture hook on
    every form that leaves card and password fields out; a compliance scan of one's own
    processes' memory for stray card numbers that writes its report locally, or that masks
    what it finds (`{m[:6]}******{m[-4:]}`) and reports it to a dashboard named by its host (a
    part, weighed with the request).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import IN_A_RESPONSE, Detection, detector, supported


@detector("OUT-CARD-SKIMMER", redline="RL-CREDENTIAL")
def card_skimmer(found: Capabilities) -> Detection | None:
    """Card data copied beside the payment (CARD_COPY), citing what else the code does to it;
    or card numbers scraped from another process's memory and sent away."""
    scraped = _memory_scraped(found)
    if scraped is not None:
        return scraped
    if Cap.CARD_COPY not in found:
        return None
    extra = tuple(c for c in (Cap.CARD_READ, Cap.ENCODE, Cap.ENCRYPT) if c in found)
    return supported(
        found, 0.85, (Cap.CARD_COPY, *extra), "payment card data copied beside the payment"
    )


_SENDS = (Cap.NET_SEND, Cap.PACKET_SEND, Cap.NET_CONNECT, Cap.MAIL_SEND, Cap.WEBHOOK)


def _memory_scraped(found: Capabilities) -> Detection | None:
    """Another process's memory read, card numbers picked out of it, and something sent: a
    point-of-sale RAM scraper (a compliance scan of one's own memory for stray card numbers
    writes its report at home)."""
    sends = [c for c in _SENDS if c in found]
    if not sends or not found.has_all(Cap.REMOTE_MEMORY_READ, Cap.CARD_NUMBER_SCAN):
        return None
    core = (Cap.REMOTE_MEMORY_READ, Cap.CARD_NUMBER_SCAN, *sends)
    if Cap.CARD_MASKED in found and Cap.BARE_ADDRESS not in found:
        # the numbers found are masked before they are kept: a compliance scan reporting where
        # stray card numbers sit, to a dashboard named by its host (weighed with the request)
        return supported(
            found, IN_A_RESPONSE, (*core, Cap.CARD_MASKED), "card numbers found in memory, masked"
        )
    return supported(found, 0.85, core, "card numbers scraped from another process's memory, sent")
