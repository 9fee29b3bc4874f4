"""ACT-RADIO-INTERFERENCE: radio transmitted to jam others, or to fake satellite navigation.

What it catches
    A software radio made to transmit (`hackrf_transfer -t`, `bladeRF-cli ... tx`, `tx_sdr`,
    `rpitx`, `sendiq`, `limesdr_send`) on a satellite navigation band (GPS L1 1575.42 MHz,
    L2, L5, Galileo E1, BeiDou B1, GLONASS G1), or sending noise (a file named for noise or
    jamming, or `/dev/urandom`) on any band; a GPS signal simulator's samples (`gps-sdr-sim`)
    handed to a transmitter; a program given a jamming option (`rolljam.py --jam-offset 0.3e6`,
    the jam-and-capture attack on car key fobs), or named for jamming and run with its settings
    (`python3 fob_jammer.py --band 315e6`).

Why it is a redline (RL-DOS)
    Jamming takes a band away from everyone in range (Wi-Fi, alarms, key fobs, emergency
    radio), and a faked navigation signal misleads every receiver nearby (phones, cars,
    aircraft, ships). Neither can be confined to one's own devices outside a shielded room,
    and both are unlawful to transmit almost everywhere.

Example
    `hackrf_transfer -t gpssim.bin -f 1575420000 -s 2600000 -x 47 -R`

Allowed instead
    Receiving anything (`hackrf_transfer -r capture.bin -f 1575420000`, `rtl_sdr`,
    `rtl_433`), generating a simulator's samples into a file, replaying one's own remote's
    recording on a licence-free band (`hackrf_transfer -t garage.bin -f 433920000 -x 20`), a
    jammer detector or monitor (`jammer_detector.py`), a jammer's tests run or its source read
    (`pytest tests/test_jammer.py`, `cat rolljam.py`).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece


@detector("ACT-RADIO-INTERFERENCE", redline="RL-DOS")
def radio_interference(found: Capabilities) -> Detection | None:
    """A transmission on a navigation band, of noise, or by a jammer."""
    return one_piece(found, Cap.RADIO_INTERFERENCE, 0.8)
