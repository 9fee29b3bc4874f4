"""ACT-OPEN-BUCKET-PULL: database backups or secrets copied out of someone's exposed bucket.

What it catches
    A storage bucket read without credentials (`aws s3 cp|sync ... --no-sign-request`) with
    the copy chosen for database backups and dumps (`*.sql.gz`, `*.bak`, `*.dump`, `*.mdf`) or
    secrets (`.env`, `credentials`, `*.pem`, `id_rsa`, `*.kdbx`).

Why it is a redline (RL-EXFIL)
    One's own bucket is read with one's own keys; a bucket read anonymously belongs to
    someone else, left open by mistake. Its backups hold other people's records and its
    secrets open further systems: copying them out is data theft, however public the link.

Example
    `aws s3 sync s3://acme-prod-db-backups ./loot --no-sign-request --exclude '*' --include
    '*.sql.gz'`

Allowed instead
    Open datasets read anonymously (`aws s3 sync s3://noaa-ghcn-pds/csv/ ./data
    --no-sign-request`), one's own backups read with one's credentials (`aws s3 cp
    s3://our-backups/db.sql.gz .`), checking whether one's own bucket is public (`aws s3 ls
    s3://our-bucket --no-sign-request`).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece


@detector("ACT-OPEN-BUCKET-PULL", redline="RL-EXFIL")
def open_bucket_pull(found: Capabilities) -> Detection | None:
    """Backups or secrets copied from a bucket read without credentials."""
    return one_piece(found, Cap.OPEN_BUCKET_PULL, 0.8)
