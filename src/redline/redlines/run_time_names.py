"""Python whose module and function names are built at run time, read as the calls they make.

A program can keep every telling name out of its text: a helper of its own joins character
codes into a string (`def _s(*c): return "".join(map(chr, c))`), modules are imported by such
a name (`o = importlib.import_module(_s(111, 115))`) and functions fetched from them by one
(`getattr(o, _s(100, 117, 112, 50))(fd, 0)`). Each piece is ordinary Python (plugin loaders
import by name, dispatch tables call `getattr`); only together do they hide what is called.
`run_time_named_view` writes the calls out as they run (`os.dup2(fd, 0)`), line for line, so the
same capability patterns read them as if spelled out; a name the code computes some other way
is left as it is.

PHP hides a function's name the same way behind `call_user_func`: the name given as a literal
(`call_user_func('passthru', $c)`, also `array_map`'s; its letters escaped, `"\\x70assthru"`),
decoded from one (`str_rot13('cnffgueh')`, `strrev`, `base64_decode`, `hex2bin`:
`flows.undisguised`; pieces joined, `'ba'.'se'.'64_'.'de'.'code'`) or kept in an array's
element (`$m = array('x' => 'passthru')`, `$m['x'] = 'passthru'`, then
`call_user_func($m['x'], $c)`). `php_named_view` writes each such call as the call it makes
(`passthru($c)`).
"""

from __future__ import annotations

import re

from redline.redlines.flows import undisguised

_HELPER = re.compile(
    # `def _s(*codes):` (or `def _s(codes):`) with `"".join(map(chr, codes))`, `"".join(chr(c)
    # for c in codes)` (also in brackets) or `bytes(codes).decode()` in its next lines;
    # `_s = lambda *c: "".join(map(chr, c))`
    r"^[ \t]*def[ \t]+(\w+)[ \t]*\([ \t]*\*?(\w+)[ \t]*\)[ \t]*(?:->[ \t]*str[ \t]*)?:"
    r"(?:[^\n]{0,200}\n){0,3}?[^\n]{0,200}?(?:\.join\(\s*\[?\s*"
    r"(?:map\(\s*chr\s*,\s*\2\s*\)|chr\(\s*(\w+)\s*\)\s*for\s+\3\s+in\s+\2\b)"
    r"|\bbytes\(\s*\2\s*\)\s*\.decode\()"
    r"|^[ \t]*(\w+)[ \t]*=[ \t]*lambda[ \t]*\*?(\w+)[ \t]*:"
    r"[^\n]{0,80}?(?:\.join\(\s*\[?\s*map\(\s*chr\s*,\s*\5\s*\)|\bbytes\(\s*\5\s*\)\s*\.decode\()",
    re.M,
)
_CODES = (
    r"\(\s*(?P<bracket>[\[(])?\s*(?P<codes>\d{1,3}(?:\s*,\s*\d{1,3}){0,60})\s*,?\s*"
    r"(?(bracket)[\])]\s*)\)"
)
"""A helper's call with its codes, given one by one or as one tuple or list (`_s((111, 115))`)."""
_GETATTR = re.compile(r"\bgetattr\(\s*([A-Za-z_]\w*)\s*,\s*(['\"])([A-Za-z_]\w*)\2\s*\)")
_IMPORTED = re.compile(
    r"\b([A-Za-z_]\w*)\s*=\s*(?:importlib\.)?(?:import_module|__import__)\(\s*(['\"])([\w.]+)\2\s*\)"
)


def run_time_named_view(code: str) -> str:
    """`code` with a spelling helper's calls written as the strings they return, `getattr(x,
    "name")` as `x.name`, and a module imported by name under a variable called by the
    module's name; `code` itself when it holds no spelling helper."""
    if ("chr" not in code and "bytes(" not in code) or (
        "getattr" not in code and "import" not in code
    ):
        return code
    helpers = {m.group(1) or m.group(4) for m in _HELPER.finditer(code)}
    if not helpers:
        return code
    from redline.redlines.code import code_points  # (code.py reads through this module)

    names = "|".join(re.escape(helper) for helper in sorted(helpers))
    calls = re.compile(rf"(?<![\w.])(?:{names}){_CODES}")
    view = calls.sub(lambda m: '"' + code_points(m.group("codes")) + '"', code)
    view = _GETATTR.sub(lambda m: f"{m.group(1)}.{m.group(3)}", view)
    for match in list(_IMPORTED.finditer(view)):
        alias, module = match.group(1), match.group(3)
        if alias != module:
            view = re.sub(rf"(?<![\w.]){re.escape(alias)}\.", module + ".", view)
    return view


_DECODED = re.compile(
    r"\b(strrev|str_rot13|base64_decode|hex2bin)\(\s*(['\"])([A-Za-z0-9_+/=]{1,80})\2\s*\)", re.I
)
"""A literal PHP decodes in place (`str_rot13('cnffgueh')`, `strrev('urhtssap')`)."""
_FUNCTION_NAME = re.compile(r"[A-Za-z_]\w{0,60}")
"""What a decoded literal must be to be read as a function's name."""
_ELEMENT = re.compile(r"(['\"])(\w{1,40})\1\s*(?:=>|\]\s*=)\s*(['\"])([A-Za-z_]\w{0,60})\3")
"""An array's element holding a function's name: in its literal (`'x' => 'passthru'`) or
assigned (`$m['x'] = 'passthru'`)."""
_CALLER = r"\b(?:call_user_func(?:_array)?|array_map)\(\s*"
"""A call that calls the function named by its first argument."""
_BY_NAME = re.compile(_CALLER + r"(['\"])([A-Za-z_]\w{0,60})\1\s*(?:,\s*|(?=\)))")
_BY_ELEMENT = re.compile(_CALLER + r"\$\w+\[\s*(['\"])(\w{1,40})\1\s*\]\s*(?:,\s*|(?=\)))")
_ESCAPED = re.compile(r'"((?:[\w]|\\x[0-9A-Fa-f]{2}|\\[0-7]{1,3}){1,60})"')
"""A double-quoted literal with letters written as escapes (`"\\x70assthru"`)."""


def php_named_view(code: str) -> str:
    """`code` with each `call_user_func` whose function is named by a literal, a decoded
    literal or an array's literal element written as a plain call; `code` itself when it
    calls none."""
    if "call_user_func" not in code and "array_map" not in code:
        return code
    from redline.redlines.code import folded_strings  # (code.py reads through this module)

    view = folded_strings(code)
    if "\\" in view:
        view = _ESCAPED.sub(_unescaped, view)
    view = _DECODED.sub(_decoded_name, view)
    elements = {m.group(2): m.group(4) for m in _ELEMENT.finditer(view)}
    view = _BY_NAME.sub(lambda m: m.group(2) + "(", view)
    return _BY_ELEMENT.sub(
        lambda m: elements[m.group(2)] + "(" if m.group(2) in elements else m.group(0), view
    )


def _unescaped(match: re.Match[str]) -> str:
    """A double-quoted literal with its hexadecimal and octal escapes written as letters, when
    they make a function's name; the literal itself otherwise."""
    text = re.sub(
        r"\\x([0-9A-Fa-f]{2})|\\([0-7]{1,3})",
        lambda m: chr(int(m.group(1), 16) if m.group(1) else int(m.group(2), 8)),
        match.group(1),
    )
    return f'"{text}"' if _FUNCTION_NAME.fullmatch(text) else match.group(0)


def _decoded_name(match: re.Match[str]) -> str:
    """A decoding call written as the name it makes, quoted; the call itself when what it makes
    is no function's name."""
    name = undisguised(match.group(1), match.group(3))
    return f"'{name}'" if _FUNCTION_NAME.fullmatch(name) else match.group(0)
