"""Remote input followed by name into a command runner: the data flow of web shells and C2 agents.

A web shell runs what a web request carries; a remote-access agent runs what it reads from its
server, its socket or a chat channel. Neither is visible in one line of a real program: the
value is read on one line (`$c = base64_decode($_POST['x']);`, `tasks = poll()`), renamed,
looped over, and handed to a runner lines later (`exec($c, $o);`, `subprocess.run(t["cmd"],
shell=True)`). The flows here follow names line by line (the same `line_flow` scheme the
download-and-run and self-copy flows use, so fragments that do not parse are read too, and the
streaming monitor can follow them a line at a time):

* a name is bound when its assigned value (or the collection a loop iterates) reads the
  source or a name already bound; a lookup into a fixed table keyed by the input
  (`COMMANDS[request.form["task"]]`) is not the input, so it binds nothing;
* functions whose body reads the source and returns are sources too (`def poll(): return
  requests.get(u).json()`), recorded as `name()`;
* the sink is a command or code runner whose *command* is the input: its first argument, or
  the text after a shell's `-c` / `/c`. Input passed as an argument to a fixed program
  (`run(["ping", host])`, a command line built with `escapeshellarg($sha)` or
  `shlex.quote(ref)`) is not a runner of the input and is not cited.
"""

from __future__ import annotations

import base64
import codecs
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from redline.redlines.capabilities import Capability, Hit, holds_any, literal_finder, lowered_once
from redline.redlines.named import NAME_PATTERN_CACHE, may_hold, name_written

WEB_INPUT = re.compile(
    r"\$_(?:GET|POST|REQUEST|COOKIE|FILES)\b|\$_SERVER\s*\[\s*['\"]HTTP_|php://input|getallheaders\s*\("
    # (a request header named by a variable, `$_SERVER[$k]` with `$k = 'HTTP_COOKIE'`)
    r"|\$_SERVER\s*\[\s*\$"
    r"|\brequest\.(?:args|form|values|json|data|get_json|GET|POST|headers|cookies|query_params|body)\b"
    r"|\breq\.(?:query|body|params|headers|cookies|url)\b|\bctx\.(?:query|request\.body)\b"
    # Express's header getters (`req.get('x-data')`, `req.header('x-data')`)
    r"|\breq\.(?:get|header)\s*\(\s*['\"`\w]|\br\.Header\.Get\s*\("
    r"|\bRequest(?:\.(?:QueryString|Form|Params|Item|Headers|Cookies))?\s*\[|\bRequest\.(?:QueryString|Form)\s*\("
    r"|\brequest\.getParameter\s*\(|\br\.(?:URL\.Query\(\)|FormValue\s*\()|QUERY_STRING"
    # Perl's CGI.pm and Mojolicious (`$q->param('c')`), Ruby's Rails and Sinatra (`params[:c]`)
    r"|->(?:param|url_param|cookie)\s*\(|\bparams\s*\[\s*[:'\"]"
    # a Rack middleware's request headers and query, read from its environment
    # (`env["HTTP_X_DATA"]`, `request.env['QUERY_STRING']`)
    r"|\benv\[\s*['\"](?:HTTP_|rack\.input)"
    # classic ASP's `Request("c")` (web shells in server pages)
    r"|\bRequest\s*\(\s*\"",
)
"""A web request's parameters, body, headers or cookies (or the URL that holds its query, Node's
`req.url`), in PHP, Flask/Django, Express/Koa, ASP.NET, Java servlets, Go, CGI, Perl and
Ruby."""

NETWORK_INPUT = re.compile(
    r"\brequests\.(?:get|post)\s*\(|\burlopen\s*\(|\bfetch\s*\(|\bhttpx\.(?:get|post)\s*\(|\baxios\.(?:get|post)\s*\("
    r"|\.recv(?:from)?\s*\(|\brecv\s*\(\s*\w+\s*,|Download(?:String|Data)\w*\s*\(|Get(?:String|ByteArray)Async\s*\("
    r"|Invoke-(?:WebRequest|RestMethod)\b|\b(?:irm|iwr)\s|\$\(\s*curl\b|`curl\b|\$\(\s*wget\b"
    r"|\b\w*(?:sock|conn|client|stream|reader|ws|websocket|resp|response)\w*\.(?:ReadLine|readline|read|receive|recv)\s*\("
    r"|\bupdate\.(?:message|effective_message)\.text\b|\b(?:message|msg)\.content\b|\bmsg\.text\b"
    # a chat channel's history or a bot's updates read by polling (Slack's
    # `conversations_history`, Telegram's `getUpdates` and Go's `GetUpdatesChan`)
    r"|\bconversations[_.](?:history|replies)\s*\(|\bget_?updates(?:chan)?\s*\("
    # a DNS TXT record: text a name server answers with, the channel of DNS-based agents
    r"|Resolve-DnsName\b[^\n]*-Type\s+['\"]?TXT\b|\bnslookup\b[^\n]*-(?:q|type|querytype)=txt\b"
    r"|\bdig\b[^\n]*\bTXT\b|\bresolveTxt\s*\(|\.(?:resolve|query)\s*\([^\n]*['\"]TXT['\"]"
    r"|\bDnsQuery_?\w*\s*\([^\n]*DNS_TYPE_TEXT"
    # C reads that fill a buffer from a connection or an HTTP response
    r"|\bInternetReadFile\s*\(|\bWinHttpReadData\s*\(|\bSSL_read\s*\(|\bBIO_read\s*\("
    # PHP's reads of a socket it opened (`stream_get_contents($sock)`, `fgets($s)`)
    r"|\b(?:stream_get_contents|fgets|fread|socket_read)\s*\(\s*\$(?:s|sock\w*|socket|conn\w*|fp|client)\b"
    # Perl's line reads of a socket handle (`while (my $line = <$sock>)`), its socket reads
    r"|<\$(?:s|sock\w*|socket|conn\w*|client|irc\w*|server|remote)>|->(?:recv|getline|sysread)\s*\("
    # a Perl socket made under any name (`my $c = IO::Socket::SSL->new(PeerAddr => ...)`):
    # the lines read from it (`<$c>`) are what the peer sent
    r"|\bIO::Socket::(?:INET6?|SSL|IP)\s*->\s*new\b|\bnew\s+IO::Socket::(?:INET6?|SSL|IP)\b",
    re.I,
)
"""Data received from the network: an HTTP response, a socket read, a chat message, a DNS TXT
record."""

_CALLBACK_INPUT = re.compile(
    r"\.on\s*\(\s*['\"](?:data|message|messageCreate|text|command)['\"]\s*,\s*(?:async\s*)?(?:function\s*)?\(?\s*(\w+)"
    # (MQTT.js hands the topic first and the message second: `(topic, message) =>`)
    r"(?:\s*,\s*(\w+))?"
    # chat libraries' message handlers (discord.py's `on_message`, Slack Bolt's `message`)
    r"|\bdef\s+on_message\s*\(\s*(?:self\s*,\s*)?(\w+)"
)
"""A listener whose parameter is what the connection or chat delivered."""

_CHAT_HANDLER = re.compile(
    r"^[ \t]*@[ \t]*(?:\w+\.(?:(?:edited_)?message_handler|channel_post_handler|on_message|message"
    r"|on[ \t]*\([ \t]*events\.NewMessage)\b"
    # discord.py's commands (`@bot.command()`, a cog's `@commands.command()`), Slack Bolt's
    # slash commands (`@app.command("/run")`); Click's and Typer's `@cli.command()` and
    # `@app.command()` take their arguments from the command line, and are no chat
    r"|(?:bot|client|commands)\.command\b|\w+\.command[ \t]*\([ \t]*['\"]/)",
    re.M,
)
"""A decorator that makes the function below it a chat bot's message handler (pyTelegramBotAPI's
`@bot.message_handler(...)`, aiogram's `@dp.message(...)`, Pyrogram's `@app.on_message(...)`,
Telethon's `@client.on(events.NewMessage)`, Slack Bolt's `@app.message(...)`, a chat command's
`@bot.command()`): the function's parameters hold the message someone sent the bot (Pyrogram
hands its client first, discord.py its context). The decorator's arguments and the function's
parameters may each run over several lines."""
_HANDLER_MARK = "chat-handler:"
"""Marks a chat handler's decorator seen, its function not yet read."""
_PARAMETERS_MARK = "chat-parameters:"
"""Marks a chat handler's function whose parameters run on over the next lines."""
_PARAMETERS = re.compile(r"\(([^()\n]{1,200})\)")
_OPEN_PARAMETERS = re.compile(r"\(([^()\n]{0,200})$")
_MORE_PARAMETERS = re.compile(r"^[ \t]*([^()\n]{0,200}?)[ \t]*(?:(\))|$)")

_RUNNER = (
    r"(?:\bsubprocess\.(?:run|call|Popen|check_output|check_call|getoutput|getstatusoutput)"
    r"|\bos\.(?:system|popen|exec\w*)|\bcommands\.getoutput|\bpty\.spawn|\bcreate_subprocess_shell"
    # (a regular expression's `exec`, `/^<(\d+)>/.exec(msg)`, `pattern.exec(line)` or a
    # constant's, `VERSION.exec(banner)`, matches text and runs nothing)
    r"|(?<!/\.)(?<!/[dgimsuy]\.)(?<!/[dgimsuy]{2}\.)(?<!/[dgimsuy]{3}\.)(?<!\bre\.)(?<!\brx\.)"
    # (a database's `execute`, `cursor.execute(sql)`, `$stmt->execute()`, runs a query: input
    # reaching it is an injection flaw, no command)
    r"(?<!regex\.)(?<!regexp\.)(?<!attern\.)(?-i:(?<![A-Z_]{3}\.))\bexec(?!ute)(?:Sync)?"
    r"|\bspawn(?:Sync)?|\bsystem|\bshell_exec|\bpassthru|\bproc_open|\b_?popen|\b_wsystem"
    r"|\bWinExec|\bShellExecute\w*|\bRuntime\.getRuntime\(\)\.exec|\bexec\.Command\w*"
    r"|\bcreate_function\s*\(\s*(?:'[^'\n]*'|\"[^\"\n]*\")\s*,"
    r"|\bCreateProcess\w*\s*\(\s*(?:NULL|0|nullptr)\s*,"
    # PHP: a callable chosen by the caller, a replacement evaluated (`/e`); an included file
    # named by the input is a file inclusion flaw, left to the code's review
    r"|\bcall_user_func(?:_array)?|\barray_map|\bregister_shutdown_function"
    r"|\bpreg_replace\s*\(\s*['\"][^'\"\n]*/[a-z]*e[a-z]*['\"]\s*,"
    # (PHP's `assert($code)` evaluates; Node's and Python's assertion modules,
    # `assert.equal(status, 401)`, compare)
    # (Perl's `eval { ... }` is a block that catches errors, not code read from a string; an
    # expression library's `evaluate(...)`, mathjs's or Symfony's, computes arithmetic)
    r"|\beval(?!\s*\{)(?!uate)|\bassert(?!\s*\.)|Invoke-Expression|\biex|Start-Process|Invoke-Command\s+-ScriptBlock"
    r"|\[scriptblock\]::Create|\bProcess\.Start|\bProcessStartInfo"
    # --- web shells in server pages (ASP.NET, JSP, classic ASP) ---
    # Java's ProcessBuilder; cmd.exe's `/c` text joined to the command, however the process
    # is started (`psi.Arguments = "/c " + cmd`, a reflected `SetValue(psi, "/c " + cmd)`,
    # C#'s `$"/c {cmd}"`)
    r"|\bProcessBuilder(?=\s*\()|\$?@?['\"]/[ck]\s+(?:['\"]\s*[+&]|(?=\{))"
    # --- end web shells in server pages ---
    # Perl's and Ruby's command quotes: backticks around a variable, with no JavaScript
    # template's `${...}` before they close, `qx(...)`, `%x(...)`
    r"|`(?=\$\w[^`{\n]*`)|`#\{|\bqx\s*[({\[/]|%x\s*[({\[](?:#\{)?)"
)


_RUNNER_RE = re.compile(_RUNNER, re.I)


def _command_position(runner: str) -> str:
    """The command itself: right after the runner's parenthesis or space (through wrappers
    such as `base64_decode(`, `str(`, `$`, a template's `${`), or after a shell's `-c` / `/c`."""
    return (
        r"(?:" + runner + r"\s*\(?\s*(?:new\s+|await\s+)?(?:[\w.$]+\s*\(\s*)*[`'\"]?\$?\{?"
        r"|\b(?:(?:ba|z|da)?sh|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh)['\"]?\s*,?\s*\[?\s*['\"]?\s*"
        r"(?:/c|/k|-c|-Command|-EncodedCommand)\s*['\"]?\s*[,+&]\s*(?:[\w.$]+\s*\(\s*)*\$?)"
    )


_RUNNER_NAMES = frozenset(
    """system exec shell_exec passthru popen proc_open eval assert execsync spawn spawnsync
    pcntl_exec invoke-expression iex""".split()  # noqa: SIM905
)
# `$f = 'sh' . 'ell_' . 'exec';` or `fn = "sys" + "tem"`: a runner named by pieces of text.
_ALIAS = re.compile(r"""\$?(\w+)\s*=\s*((?:['"][\w-]*['"]\s*[.+]\s*)*['"][\w-]*['"])\s*(?:;|$)""")
# `$x = strrev('tressa');`, `$y = str_rot13('onfr64_qrpbqr');`: a PHP function name kept from
# the reader by reversing or encoding it. No ordinary program hides which function it calls,
# so whatever it names counts as a runner: what it runs cannot be read from the code.
_DISGUISED = re.compile(
    r"""\$(\w+)\s*=\s*(strrev|str_rot13|base64_decode|hex2bin)\s*\(\s*['"]([\w+/=-]+)['"]\s*\)\s*(?:;|$)""",
    re.I,
)
# `$f = implode('', array_map('chr', [115, 121, ...]));`: a name spelt in character codes.
_CHAR_CODES = re.compile(
    r"""\$(\w+)\s*=\s*(?:implode|join)\s*\(\s*['"]['"]\s*,\s*array_map\s*\(\s*['"]chr['"]\s*,\s*"""
    r"""(?:\[|array\s*\()\s*([\d,\s]+)\s*[\])]\s*\)\s*\)""",
    re.I,
)
_FUNCTION_NAME = re.compile(r"[A-Za-z_]\w*")
_ALIAS_MARK = "run:"
_WITH_AS = re.compile(r"\bwith\s+([^\n]*?)\bas\s+(\w+)\s*:")
_ASSIGNED = re.compile(r"(?<![=!<>])([$\w.]+)\s*(?::=|=(?![=>]))\s*([^\n]*)")
_DESTRUCTURED = re.compile(
    r"(?:\b(?:const|let|var|my)\s+)?[\[{(]\s*+([\w$.,\s:]+?)\s*+[\]})]\s*=(?![=>])\s*([^\n]*)"
)
"""An unpacking assignment (`const [cmd, ...rest] = ...`, `my ($a, $b) = ...`)."""
_LOOP = re.compile(
    r"\bfor\s*\(?\s*(?:const|let|var|my)?\s*\$?(\w+)\s+(?:in|of)\s+([^\n]*)"
    r"|\bforeach\s*\(\s*\$(\w+)\s+in\s+([^\n]*)"
    r"|\bforeach\s*\(\s*([^\n]*?)\s+as\s+(?:\$\w+\s*=>\s*)?\$(\w+)"
    # Go's loop over a collection or a channel (`for _, m := range msgs`, `for u := range ch`)
    r"|\bfor\s+(?:\w+\s*,\s*)?(\w+)\s*:=\s*range\s+([^\n]*)",
    re.I,
)
PERL_LOOP_HEAD = r"\bfor(?:each)?\s+my\s+\$(\w+)\s*\("
"""Perl's loop over a list (`for my $msg (split /\\n/, $buf) {`), up to the list: its group
is the loop variable."""
_PERL_LOOP = re.compile(PERL_LOOP_HEAD + r"([^\n]*)")
# (PowerShell's function names hold a hyphen: `function Get-Task {`)
_FUNCTION = re.compile(r"^\s*(?:async\s+)?(?:def|function|func|sub)\s+(\w+(?:-\w+)*)")
_RETURNS = re.compile(r"\breturn\b")
# C fills buffers through its arguments: a read into `buf` binds `buf`
# (`recv(s, buf, ...)`, `InternetReadFile(h, out + got, ...)`); so does a copy of a bound name,
# and a format that makes it the command (`snprintf(line, n, "cmd.exe /c %s", cmd)`, a bare
# `"%s"`), not one that makes it an argument of a fixed program (`"ping -n 1 %s"`).
_READ_INTO = re.compile(
    r"\b(?:recv|recvfrom|InternetReadFile|WinHttpReadData|SSL_read|BIO_read)\s*\(\s*[^,\n]+,"
    r"\s*(?:\([^()\n]*\)\s*)?&?\s*(\w+)"
    # Perl's socket methods fill their first argument (`$sock->recv($buf, 4096)`)
    r"|->(?:recv|sysread)\s*\(\s*\$(\w+)"
)
_COPY_INTO = re.compile(
    r"\b(?:StringCch(?:Copy|Cat)\w*|str(?:n)?(?:cpy|cat)(?:_s)?|wcs(?:n)?(?:cpy|cat)(?:_s)?"
    r"|lstr(?:cpy|cat)\w*|memcpy)\s*\(\s*&?(\w+)\s*,([^\n]*)"
    r"|\b(?:v?sn?w?printf(?:_s)?|wsprintf\w*|StringCchPrintf\w*)\s*\(\s*&?(\w+)\s*,[^\n]*?L?\""
    r"\s*(?:(?:cmd(?:\.exe)?\s+/[ck]|(?:/bin/)?(?:ba|z|da)?sh\s+-c|(?:powershell|pwsh)(?:\.exe)?\s[^\"\n]*?-c\w*)\s+)?"
    r"['\\\"]*%l?s['\\\"]*\s*\"([^\n]*)",
    re.I,
)
_MATCHED = re.compile(r"\$(\w+)\s*=~\s*(?:m\s*)?[/{!#]")
"""A Perl match of a name's value, whose groups (`$1`, `$2`) are read after it."""
_CAPTURED = re.compile(
    r"\b(?:preg_match(?:_all)?\s*+\(\s*+(?:'(?:\\.|[^'\\\n])*+'|\"(?:\\.|[^\"\\\n])*+\"|[^,\n]{0,300}+)\s*+,"
    r"|parse_str\s*+\()\s*+([^,\n]++),\s*+&?\$(\w+)",
    re.I,
)
"""PHP's matches and parsed query filling an array through their last argument
(`preg_match('/c=(.+)/', $subject, $m)`, `parse_str($query, $args)`): the array holds the
subject's pieces."""
_TABLE_LOOKUP = re.compile(r"([$\w.]+)\s*(?:\[([^\]\n]*)\]|\.get\s*\(([^)\n]*)\))")
_PENDING = "def:"  # a function being read, not yet known to return the input


def _names_in(value: str, names: frozenset[str]) -> bool:
    """Whether `value` reads one of `names` (a function source `poll()` by its call)."""
    for name in names:
        if name.startswith((_PENDING, _ALIAS_MARK)):
            continue
        if name.endswith("()"):
            if name[:-2] in value and re.search(_called(name[:-2]), value):
                return True
        elif name_written(value, name, before=r"(?<![\w])"):
            return True
    return False


def _called(function: str) -> str:
    """A call of `function`: `poll(`, or PowerShell's `Get-Task` (called without brackets)."""
    if "-" in function:
        return rf"(?<![\w$.-]){re.escape(function)}(?![\w-])"
    return rf"(?<![\w$.]){re.escape(function)}\s*\("


def _without_lookups(value: str, names: frozenset[str], source: re.Pattern[str]) -> str:
    """`value` with lookups keyed by the input into tables that are not input removed
    (`COMMANDS[task]`, `ALLOWED.get(request.form["job"])`)."""

    def keep(match: re.Match[str]) -> str:
        base, key = match.group(1), match.group(2) or match.group(3) or ""
        # up to the bracket or the parenthesis: `requests.get(` is a request of its own, also
        # when the address it is given is built from the input (`f"https://{server}/t"`)
        opened = match.start(2) if match.start(2) >= 0 else match.start(3)
        if _names_in(base, names) or _holds_source(
            source, match.group(0)[: opened - match.start(0)]
        ):
            return match.group(0)
        keyed_by_input = _names_in(key, names) or _holds_source(source, key)
        return base if keyed_by_input else match.group(0)

    return _TABLE_LOOKUP.sub(keep, value)


# Input quoted as one shell argument (`escapeshellarg($sha)`, `shlex.quote(ref)`) can only be
# an argument of the fixed command around it, never the command.
_QUOTED_ARGUMENT = re.compile(
    r"\b(?:escapeshellarg|shlex\.quote|pipes\.quote|ShellQuote|shell_quote)\s*\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)"
)


def _holds_source(source: re.Pattern[str], text: str) -> bool:
    """Whether `source` (`WEB_INPUT` or `NETWORK_INPUT`) matches in `text`, searched only where
    one of its keys is (`reads_web_input`, `reads_network_input`)."""
    return reads_web_input(text) if source is WEB_INPUT else reads_network_input(text)


def _reads(value: str, names: frozenset[str], source: re.Pattern[str]) -> bool:
    value = _QUOTED_ARGUMENT.sub("''", _without_lookups(value, names, source))
    return _holds_source(source, value) or _names_in(value, names)


def undisguised(function: str, text: str) -> str:
    """What PHP's `function` (strrev, str_rot13, base64_decode, hex2bin) makes of `text`; ""
    when it cannot be decoded."""
    function = function.lower()
    if function == "strrev":
        return text[::-1]
    if function == "str_rot13":
        return codecs.decode(text, "rot13")
    try:
        raw = (
            base64.b64decode(text, validate=True)
            if function == "base64_decode"
            else (bytes.fromhex(text))
        )
        return raw.decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return ""


def _parameter_names(listed: str) -> set[str]:
    """The names in a function's parameter list (`self`, `cls`, annotations and defaults
    left out)."""
    found: set[str] = set()
    for parameter in listed.split(","):
        name = parameter.strip(" \t*").split(":")[0].split("=")[0].strip()
        if name.isidentifier() and name not in {"self", "cls"}:
            found.add(name)
    return found


def _bind(line: str, names: frozenset[str], source: re.Pattern[str]) -> frozenset[str]:
    bound = set(names)
    function = _FUNCTION.match(line)
    if function is not None:
        bound = {n for n in bound if not n.startswith(_PENDING)}
        bound.add(_PENDING + function.group(1))
    pending = [n for n in bound if n.startswith(_PENDING)]
    returned = _RETURNS.search(line)
    if pending and returned is not None:
        # `return requests.get(u).json()`, or `r = requests.get(u)` ... `return r.json()`
        value = line[returned.end() :]
        if _holds_source(source, value) or _names_in(value, names):
            bound.add(pending[0][len(_PENDING) :] + "()")
    for alias in _ALIAS.finditer(line):
        spelled = "".join(re.findall(r"""['"]([\w-]*)['"]""", alias.group(2))).lower()
        if spelled in _RUNNER_NAMES:
            bound.add(_ALIAS_MARK + alias.group(1))
    for coded in _CHAR_CODES.finditer(line):
        codes = [int(code) for code in re.sub(r"\s", "", coded.group(2)).split(",") if code]
        if all(32 <= code < 127 for code in codes) and _FUNCTION_NAME.fullmatch(
            "".join(map(chr, codes))
        ):
            bound.add(_ALIAS_MARK + coded.group(1))
    for disguised in _DISGUISED.finditer(line):
        if _FUNCTION_NAME.fullmatch(undisguised(disguised.group(2), disguised.group(3))):
            bound.add(_ALIAS_MARK + disguised.group(1))
    opened = _WITH_AS.search(line)
    if opened is not None and _reads(opened.group(1), frozenset(bound), source):
        bound.add(opened.group(2))
    for callback in _CALLBACK_INPUT.finditer(line):
        bound.update(name for name in callback.groups() if name)
    if _PARAMETERS_MARK in bound and function is None:
        # a chat handler's parameters, one or more to a line, until the closing parenthesis
        more = _MORE_PARAMETERS.match(line)
        if more is not None:
            bound.update(_parameter_names(more.group(1)))
            if more.group(2):
                bound.discard(_PARAMETERS_MARK)
    if _HANDLER_MARK in bound and function is not None:
        # the function under a chat handler's decorators (their arguments perhaps over several
        # lines): its parameters hold the message
        bound.discard(_HANDLER_MARK)
        listed = _PARAMETERS.search(line) or _OPEN_PARAMETERS.search(line)
        if listed is not None:
            bound.update(_parameter_names(listed.group(1)))
            if listed.re is _OPEN_PARAMETERS:
                bound.add(_PARAMETERS_MARK)
    if source is NETWORK_INPUT and _CHAT_HANDLER.match(line):
        bound.add(_HANDLER_MARK)
    loop = _LOOP.search(line)
    if loop is not None:
        groups = loop.groups()
        name, collection = (
            (groups[0], groups[1])
            if groups[0]
            else (groups[2], groups[3])
            if groups[2]
            else (groups[6], groups[7])
            if groups[6]
            else (groups[5], groups[4])
        )
        if name and collection and _reads(collection, frozenset(bound), source):
            bound.add(name)
    perl_loop = _PERL_LOOP.search(line) if "my" in line else None
    if perl_loop is not None and _reads(perl_loop.group(2), frozenset(bound), source):
        bound.add(perl_loop.group(1))
    if _holds_source(source, line):
        bound.update(into.group(1) or into.group(2) for into in _READ_INTO.finditer(line))
    copied = _COPY_INTO.search(line)
    if copied is not None:
        target, value = copied.group(1) or copied.group(3), copied.group(2) or copied.group(4)
        if _reads(value, frozenset(bound), source):
            bound.add(target)
    matched = _MATCHED.search(line) if "=~" in line else None
    if matched is not None and matched.group(1) in bound:
        # Perl's `$line =~ /!(\w+)\s*(.*)/`: the groups it captures hold the input
        bound.update(f"${n}" for n in range(1, 10))
    if "preg_match" in line or "parse_str" in line:
        for captured in _CAPTURED.finditer(line):
            if _reads(captured.group(1).rstrip(), frozenset(bound), source):
                bound.add(captured.group(2))
    unpacked = _DESTRUCTURED.search(line)
    if unpacked is not None and _reads(unpacked.group(2), frozenset(bound), source):
        # `const [cmd, ...rest] = msg.content.split(' ')`: every name unpacked holds input
        for piece in unpacked.group(1).split(","):
            name = piece.split(":")[-1].strip().lstrip(".$")
            if _FUNCTION_NAME.fullmatch(name):
                bound.add(name)
    assigned = _ASSIGNED.search(line)
    if assigned is not None and _reads(assigned.group(2), frozenset(bound), source):
        target = assigned.group(1).lstrip("$")
        if target and not target[0].isdigit():
            bound.add(target.split(".")[-1] if target.startswith("self.") else target)
    return frozenset(bound)


# Every line of an answer passes the gates below, and most lines (prose, ordinary code) hold
# none of these patterns; a pattern is searched only where a piece of text it cannot match
# without is present. Lowered text stands for `re.I` only when it is ASCII: Unicode case
# folding matches some other letters (the long s, U+017F, for `s`), so other text is searched
# as it is. WEB_INPUT is case-sensitive: its keys are its literal pieces as written.
_WEB_KEYS = (
    "$_", "php://input", "getallheaders", "req.", "request.", "Request", "ctx.", "r.",
    "QUERY_STRING", "->param", "->url_param", "->cookie", "params", "env[",
)  # fmt: skip
_NETWORK_KEYS = (
    "requests.", "urlopen", "fetch", "httpx.", "axios.", "recv", "download", "getstring",
    "getbytearray", "invoke-", "irm", "iwr", "curl", "wget", ".read", ".receive", "update.",
    "stream_get_contents", "fgets", "fread", "socket_read",
    "message.content", "msg.content", "msg.text", "resolve-dnsname", "nslookup", "dig",
    "resolvetxt", "txt", "dnsquery", "internetreadfile", "winhttpreaddata", "ssl_read", "bio_read",
    "<$", "->getline", "->sysread", "conversations", "getupdates", "get_updates", "io::socket",
)  # fmt: skip
_RUNNER_KEYS = (
    "subprocess.", "os.", "commands.getoutput", "pty.spawn", "create_subprocess_shell", "exec",
    "create_function", "createprocess", "call_user_func", "array_map", "register_shutdown_function",
    "preg_replace",
    "spawn", "system", "passthru", "proc_open", "popen", "eval", "assert", "invoke-expression",
    "iex", "start-process", "invoke-command", "[scriptblock]::create", "process.start",
    "processstartinfo", "`", "qx", "%x",
    "processbuilder", "\"/c", "'/c", "\"/k", "'/k",  # web shells in server pages
)  # fmt: skip


_WEB_KEY_FINDER = literal_finder(_WEB_KEYS)
_NETWORK_KEY_FINDER = literal_finder(_NETWORK_KEYS)
_RUNNER_KEY_FINDER = literal_finder(_RUNNER_KEYS)


def _found(pattern: re.Pattern[str], keys: Any, line: str) -> bool:
    """Whether `pattern` (case-insensitive) matches in `line`, searched only when one of the
    literals of `keys` (a `literal_finder` of pieces every match holds, in lower case) is
    there."""
    if line.isascii() and not holds_any(keys, lowered_once(line)):
        return False
    return pattern.search(line) is not None


def reads_web_input(line: str) -> bool:
    """Whether `line` reads a web request's input (`WEB_INPUT`)."""
    return holds_any(_WEB_KEY_FINDER, line) and WEB_INPUT.search(line) is not None


def reads_network_input(line: str) -> bool:
    """Whether `line` reads data received from the network (`NETWORK_INPUT`)."""
    return _found(NETWORK_INPUT, _NETWORK_KEY_FINDER, line)


def names_a_runner(line: str) -> bool:
    """Whether `line` names a command or code runner (`_RUNNER`)."""
    return _found(_RUNNER_RE, _RUNNER_KEY_FINDER, line)


def _spells_alias(line: str) -> bool:
    return (
        "=" in line
        and ("'" in line or '"' in line)
        and (
            _ALIAS.search(line) is not None
            or _DISGUISED.search(line) is not None
            or ("chr" in line and _CHAR_CODES.search(line) is not None)
        )
    )


def _nothing_bound(names: frozenset[str]) -> bool:
    """Whether `names` binds nothing yet: empty, or only functions being read (`_PENDING`)."""
    return all(n.startswith(_PENDING) for n in names)


def _binds_nothing(line: str, names: frozenset[str]) -> bool:
    """Whether `_bind` can leave `names` as they are on a line that holds no source and no
    alias: nothing is bound, or only functions being read (whose returns matter only when they
    return the source), and the line starts no function and hands no callback its input."""
    if not names:
        return True
    return (
        _nothing_bound(names)
        and _FUNCTION.match(line) is None
        and _CALLBACK_INPUT.search(line) is None
    )


def web_input_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus those `line` binds to a web request's input (`$c = $_POST['c']`)."""
    if _binds_nothing(line, names) and not reads_web_input(line) and not _spells_alias(line):
        return names
    return _bind(line, names, WEB_INPUT)


def network_input_names(line: str, names: frozenset[str]) -> frozenset[str]:
    """`names` plus those `line` binds to data received from the network (`job = irm $u`)."""
    if (
        _binds_nothing(line, names)
        and not reads_network_input(line)
        and _FUNCTION.match(line) is None
        and not _spells_alias(line)
        and not (".on" in line and _CALLBACK_INPUT.search(line) is not None)
        and not ("@" in line and _CHAT_HANDLER.match(line))
        and _PARAMETERS_MARK not in names
    ):
        return names
    return _bind(line, names, NETWORK_INPUT)


@lru_cache(maxsize=NAME_PATTERN_CACHE)
def _run_of(names: frozenset[str], source: re.Pattern[str]) -> re.Pattern[str]:
    plain = [n for n in names if not n.startswith((_PENDING, _ALIAS_MARK)) and "()" not in n]
    alternatives = [re.escape(n) + r"\b" for n in plain]
    alternatives += [_called(n[:-2]) for n in names if n.endswith("()")]
    inputs = "|".join([*sorted(alternatives, key=len, reverse=True), source.pattern])
    aliases = [re.escape(n[len(_ALIAS_MARK) :]) for n in names if n.startswith(_ALIAS_MARK)]
    callees = aliases + [re.escape(n) for n in plain]  # PHP's `$f($a)` with `$f` the input
    runner = (
        _RUNNER
        if not callees
        else r"(?:" + _RUNNER + r"|(?<!\w)\$?(?:" + "|".join(aliases or ["(?!)"]) + r")\b"
        # (Perl's loop head, `for my $fh ($sel->can_read)`, names its variable, calls nothing)
        r"|(?<!\bmy )(?<!\bfor )(?<!\bforeach )\$(?:" + "|".join(callees) + r")\b(?=\s*\())"
    )
    return re.compile(_command_position(runner) + r"(?:" + inputs + r")", re.I)


_SOURCE_KEYS: dict[re.Pattern[str], tuple[re.Pattern[str], Any]] = {
    WEB_INPUT: (re.compile(WEB_INPUT.pattern, re.I), literal_finder(k.lower() for k in _WEB_KEYS)),
    NETWORK_INPUT: (NETWORK_INPUT, _NETWORK_KEY_FINDER),
}
"""Each source read case-blind (as `_run_of` reads it) and a finder of its keys in lower case."""


def _run_in_line(line: str, names: frozenset[str], source: re.Pattern[str]) -> re.Match[str] | None:
    if _nothing_bound(names) and not _found(*_SOURCE_KEYS[source], line):
        # Nothing bound (a function being read is no binding): only the source itself, run in
        # place, could be the command.
        return None
    if (
        not any(n.startswith(_ALIAS_MARK) for n in names)
        and not names_a_runner(line)
        and not ("$" in line and any(f"${n}" in line for n in names if n.isidentifier()))
    ):
        return None
    return _run_of(_spelled_in(line, names), source).search(line)


def _spelled_in(line: str, names: frozenset[str]) -> frozenset[str]:
    """The `names` whose alternatives in `_run_of` could match on `line`: each needs its name
    written out (case-blind), so the others add nothing to the search, only to the number of
    patterns compiled (a stream's names grow line by line; this keeps the keys few)."""
    return frozenset(
        n for n in names if any(may_hold(line, spelled, True) for spelled in _spellings(n))
    )


def _spellings(name: str) -> list[str]:
    """What `_run_of` requires written out for `name`: a function source's name before its
    brackets, an alias's name, a plain name itself (a function being read requires nothing)."""
    spellings = [name[:-2]] if name.endswith("()") else []
    if name.startswith(_ALIAS_MARK):
        spellings.append(name[len(_ALIAS_MARK) :])
    elif not name.startswith(_PENDING) and "()" not in name:
        spellings.append(name)
    return spellings


def runs_web_input(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A runner on `line` whose command is a web request's input or a name bound to it."""
    return _run_in_line(line, names, WEB_INPUT)


def runs_network_input(line: str, names: frozenset[str]) -> re.Match[str] | None:
    """A runner on `line` whose command is data received from the network."""
    return _run_in_line(line, names, NETWORK_INPUT)


def _flow(
    code: str,
    offset: int,
    capability: Capability,
    bind: Callable[[str, frozenset[str]], frozenset[str]],
    find: Callable[[str, frozenset[str]], re.Match[str] | None],
) -> list[Hit]:
    """`line_flow` of one source, read again when the first reading finds no runner: the second
    time the parameters of functions that are called with the input start out bound (a
    handler defined above the loop that feeds it, `def run(task)` ... `run(task)`), the third
    time the names C helpers bind through their arguments (`c_functions.py`)."""
    from redline.redlines.c_functions import helper_names
    from redline.redlines.code import line_flow, parameters_fed

    found = line_flow(code, offset, capability, bind, find)
    if found:
        return found
    names: frozenset[str] = frozenset()
    for line in code.split("\n"):
        names = bind(line, names)
    parameters = parameters_fed(code, names)
    if parameters:
        found = line_flow(code, offset, capability, bind, find, names=parameters)
        if found:
            return found
    helpers = helper_names(code, bind) if "{" in code else frozenset()
    if not helpers:
        return []
    return line_flow(code, offset, capability, bind, find, names=helpers)


def remote_input_hits(code: str, offset: int = 0) -> list[Hit]:
    """Web input run as a command (a web shell) and network input run as a command (an agent
    taking orders from its server), each cited at the runner."""
    found: list[Hit] = []
    if reads_web_input(code):
        found += _flow(code, offset, Capability.REQUEST_TO_EXEC, web_input_names, runs_web_input)
    if (
        reads_network_input(code)
        or _CALLBACK_INPUT.search(code) is not None
        or ("@" in code and _CHAT_HANDLER.search(code) is not None)
    ):
        found += _flow(
            code, offset, Capability.REMOTE_COMMAND, network_input_names, runs_network_input
        )
    return found
