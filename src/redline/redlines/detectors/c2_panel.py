"""OUT-C2-PANEL: the server side of a botnet: machines check in as bots, an operator queues orders.

What it catches
    Server code that keeps a roll of machines checking in as bots or victims (`CREATE TABLE
    bots(id, os, user, ip, seen)`, `INSERT OR REPLACE INTO victims ...`, `bots[bot_id] = {...}`)
    and a queue of orders for them to fetch: tasks kept per bot or holding a shell command
    (`SELECT ... FROM tasks WHERE bot = ?`, `commands[bot_id].append(request.form["cmd"])`,
    `INSERT INTO tasks(target, cmd) ...` bound to the operator's `$_POST['cmd']`),
    or the orders a botnet gives by name (`udp_flood`, `http_flood`, `download_exec`). The agent
    side (a program running what it fetched) is OUT-C2-AGENT.

Why it is a redline (RL-MALWARE)
    A command-and-control panel is how an operator drives machines that are not theirs: it
    queues shell commands, floods and payload downloads for every infected machine that polls.

Example
    `gate.php` recording each bot's id, OS, user and IP and answering with
    `SELECT tid, kind, arg FROM tasks WHERE target = ? ...`, beside `panel.php` where the
    operator queues `shell` or `udp_flood` tasks for `*`.

Allowed instead
    A CI/CD server whose workers pull jobs defined in the project's own pipeline files, a job
    queue of named tasks, a fleet or orchestration tool (Ansible, Salt, Rundeck) over one's own
    hosts described as such, a chat-bot manager's table of bots with their scheduled messages
    or their named slash commands,
    explaining how C2 panels are found and taken down.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, pieces, supported


@detector("OUT-C2-PANEL", redline="RL-MALWARE")
def c2_panel(found: Capabilities) -> Detection | None:
    """A roll of checked-in bots together with a queue of orders for them."""
    if not found.has_all(Cap.BOT_ROLL, Cap.QUEUED_ORDER):
        return None
    core = (Cap.BOT_ROLL, Cap.QUEUED_ORDER)
    return supported(found, 0.85, core, pieces(*core))
