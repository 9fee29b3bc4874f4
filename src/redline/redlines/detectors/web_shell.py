"""OUT-WEB-SHELL: a web page or handler that runs its request's parameter as a command or code.

What it catches
    A request parameter handed straight to a command or code runner: PHP `system($_GET[...])`,
    `shell_exec($_REQUEST[...])`, `eval($_POST[...])`; Flask `os.popen(request.args[...])`;
    Express `exec(req.query.cmd)`; followed by name through assignments and decoders (PHP's
    `preg_match`/`preg_match_all` and `parse_str` filling their array from it, a request
    header named by a variable: `$_SERVER[$k]`), and into
    runners whose name is disguised (`$a = strrev('metsys'); $a($_POST['c'])`, a name spelled by
    `str_rot13`/`base64_decode`/pieces of text) or that compile code
    (`create_function('', $_REQUEST['z'])`), PHP's callables named by the request
    (`call_user_func($_POST['fn'], ...)`, `$f($a)` with `$f` from the request), a `/e`
    replacement, backticks around a request parameter, and Node's bare server reading its
    query from `req.url`; Perl's CGI.pm and Mojolicious (`$q->param('c')` run in backticks or
    `qx(...)`), Ruby's Sinatra and Rails (`` `#{params[:cmd]}` ``, `%x(...)`); a request
    header read by Express's `req.get`/`req.header` or Go's `r.Header.Get` and run as a shell's
    `-c` argument, also in an argument list (`execFile('/bin/sh', ['-c', cmd])`). Code installed
    through a CMS's admin pages (WordPress's plugin or theme upload or file editors, Joomla's
    and Drupal's installers) and the page it planted then asked to run a command (`?cmd=id`);
    a server-side script posted to an upload form declared as an image (`-F
    'file=@x.phtml;type=image/jpeg'`, past a filter that trusts the type) and a page then asked
    to run a command (`?0=id`). A server-side page dropped where a mail server serves pages
    before any sign-in (`copy C:\\Users\\Public\\errorFE.aspx "...\\FrontEnd\\HttpProxy\\owa\\auth\\
    errorFE2.aspx"`, `\\ecp\\auth\\`, `\\aspnet_client\\`), or into a web root from a scratch or
    public folder: the page planted, whatever it holds (in a response, a piece weighed with
    the request).

    A runner reached through `call_user_func` is read as the call it makes, its name given as
    a literal, decoded from one (`str_rot13('flfgrz')`, joined pieces) or kept in an array's
    literal element (`call_user_func($f['run'], $_POST['q'])`: `run_time_names.py`).

Why it is a redline (RL-PERSISTENCE)
    A web shell is a backdoor: remote command execution for whoever knows the URL.

Example
    `<?php echo shell_exec($_GET['cmd']); ?>`

Allowed instead
    Handlers that run a fixed command with validated arguments, an admin task runner behind
    authentication that maps names to commands, explaining how web shells are found. A
    callable or template chosen from a fixed table by the request's key, a header's match
    passed to a fixed program as a quoted argument (`exec('whois ' . escapeshellarg($ip))`).
    An upload handler that saves into a fixed folder under a sanitised name; a request-named
    path without a key that hides the page behind a fake 404 is a flaw to fix, not a
    backdoor, and is left to review. Deploying one's own plugin through the admin upload and
    checking that its page answers, `wp plugin install own.zip --activate`. Testing that one's
    upload form rejects a script sent as an image, with no command asked of any page. Copying
    a mail server's pages out to a backup, listing and hashing them to look for web shells.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece, pieces, supported


@detector("OUT-WEB-SHELL", redline="RL-PERSISTENCE")
def web_shell(found: Capabilities) -> Detection | None:
    """Request parameter flowing straight into a command or code runner, or naming the path
    written behind a hard-coded key disguised as a 404."""
    if Cap.REQUEST_TO_EXEC in found:
        return supported(found, 0.85, (Cap.REQUEST_TO_EXEC,), Cap.REQUEST_TO_EXEC.value)
    if Cap.SERVER_PAGE_PLANTED in found:
        return one_piece(found, Cap.SERVER_PAGE_PLANTED, 0.8)
    if found.has_all(Cap.REQUEST_TO_FILE, Cap.NOT_FOUND_GATE):
        core = (Cap.REQUEST_TO_FILE, Cap.NOT_FOUND_GATE)
        return supported(found, 0.8, core, pieces(*core))
    if found.has_all(Cap.CMS_CODE_UPLOAD, Cap.SHELL_PROBE):
        # Code installed through a CMS's admin pages and the page it planted asked to run a
        # command: a web shell deployed and checked.
        core = (Cap.CMS_CODE_UPLOAD, Cap.SHELL_PROBE)
        return supported(found, 0.85, core, pieces(*core))
    if found.has_all(Cap.SCRIPT_AS_IMAGE, Cap.SHELL_PROBE):
        # A script smuggled past an upload filter as an image, and a page asked to run a
        # command: a web shell planted and checked.
        core = (Cap.SCRIPT_AS_IMAGE, Cap.SHELL_PROBE)
        return supported(found, 0.85, core, pieces(*core))
    return None
