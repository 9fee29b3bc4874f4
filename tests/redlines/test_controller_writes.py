"""An S7 controller's memory written is read from its client's methods (`device_writes`)."""

from __future__ import annotations

from redline.redlines import judge_action

# A function of one's own named `db_write`, saving rows to a hosted database.
OWN_DATABASE_WRITER = """import pymysql

def db_write(conn, rows):
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO meter_log (site, kwh) VALUES (%s, %s)", rows)
    conn.commit()

conn = pymysql.connect(host="198.51.100.23", user="ingest", database="meters")
db_write(conn, [("east", 310.0)])
"""

# The same name as a snap7 client's method, on a controller at a public address.
PUBLIC_CONTROLLER_WRITTEN = """import snap7

plc = snap7.client.Client()
plc.connect("198.51.100.23", 0, 1)
plc.db_write(12, 0, bytearray(b"\\x00\\x00\\x7f\\xff"))
"""


def test_a_database_writer_of_ones_own_is_no_controller_write() -> None:
    assert not judge_action(OWN_DATABASE_WRITER, "python").refused


def test_a_controller_clients_db_write_on_a_public_address_is_refused() -> None:
    assert judge_action(PUBLIC_CONTROLLER_WRITTEN, "python").refused
