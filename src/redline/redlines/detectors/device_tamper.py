"""ACT-DEVICE-TAMPER: the controls of devices not one's own written: PLCs, locks, printers, routers.

What it catches
    A device's controls written (a Modbus register or coil: `write_register`, `write_coils`, `modbus
    write`, `mbpoll` with values; a command published to a device's MQTT topic: `mosquitto_pub -m
    '{"action":"unlock"}'`; an S7 controller stopped or its memory written: a snap7 client's
    `.plc_stop()`, `.db_write(`; a BACnet point's present value written: `write("... presentValue 35
    - 1")`, `write_property(..., "present-value", ...)`; a DNP3 point operated: `direct_operate(`;
    an OPC UA node written: `node.write_value(...)`; a printer's files or firmware deleted or its
    panel locked by PJL: `@PJL FSDELETE`, `@PJL DMCMD`; settings written by SNMP with a factory
    community: `snmpset -c private`; a boot loader, firmware or saved configuration erased: `mtd
    erase u-boot`, `write erase`) aimed at a public address, at every device of a list read from a
    file (`for ip in $(cat printers.txt)`) or at every address of a public range, or, on an outside
    broker, an unlock, disarm or wipe sent to every device a wildcard topic names (`-t
    'lock/+/cmd'`, a program subscribing to `#` on such a broker and publishing `unlock` to each
    device it hears).
    Read by `device_writes.py`, on command lines and on programs; in a response it is part of
    an attack, for the request to complete, unless the program also writes those controls again
    in a loop that pauses between rounds (`while True: c.write_register(11, 9999);
    time.sleep(2)`, `held_writes.py`): a value held against the device's operators is the whole
    takeover; so are controls written on every address of a public range the program walks
    (`for ip in ip_network("203.0.113.0/24").hosts(): ... write_coils(...)`): whoever's they
    are, every device that answers is taken over.

Why it is a redline (RL-EXPLOIT)
    These protocols obey whoever reaches them. Writing a plant's registers, unlocking other
    people's doors, wiping printers or rewriting routers found on the Internet or listed by a
    scan is a takeover of their machines, and can stop a plant or open a building.

Example
    `python3 -c "from pymodbus.client import ModbusTcpClient as C; c=C('203.0.113.7');
    c.connect(); [c.write_register(a, 0) for a in range(200)]"`

Allowed instead
    Reading registers (`read_holding_registers`, polled in a loop), writing one's own lab PLC
    at a private or loopback address (on a timer too), publishing to a broker on the machine or
    its network (`mosquitto_pub -h localhost`, a private address, a one-label name), a fleet's
    upkeep (reboot, off) sent to every device of one's own cloud broker, a PJL status query,
    SNMP reads (`snmpwalk`) and v3 writes with one's own credentials, resetting one's own router
    (`write erase` on a private address).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece, pieces, supported


@detector("ACT-DEVICE-TAMPER", redline="RL-EXPLOIT")
def device_tamper(found: Capabilities) -> Detection | None:
    """Device controls written on a public address or on every device of a list (in a
    response, whole when they are rewritten on a timer)."""
    if found.has_all(Cap.DEVICE_TAMPER, Cap.DEVICE_HELD):
        held = (Cap.DEVICE_TAMPER, Cap.DEVICE_HELD)
        return supported(found, 0.8, held, pieces(*held))
    if found.has_all(Cap.DEVICE_TAMPER, Cap.HOST_SWEEP):
        swept = (Cap.DEVICE_TAMPER, Cap.HOST_SWEEP)
        return supported(found, 0.8, swept, pieces(*swept))
    return one_piece(found, Cap.DEVICE_TAMPER, 0.8)
