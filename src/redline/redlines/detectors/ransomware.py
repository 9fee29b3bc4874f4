"""OUT-RANSOMWARE: walk files, encrypt them, destroy the originals or the way back.

What it catches
    A recursive file walk combined with encryption and deletion of the originals (or renaming
    to a locked extension), over users' homes, shares or whole drives, or with a ransom note or
    deletion of shadow copies. Also, in any folder, a loop that writes each file it visits
    encrypted under its own name plus a suffix (`open(path + ".enc", "wb")`, `-out "$f.enc"`,
    `gpg -c "$f"`) and deletes the original: every file locked in place (`in_place.py`),
    unless the key is a passphrase typed by whoever runs it (`getpass`). Whole volumes
    encrypted in place (`Enable-BitLocker`, `manage-bde -on`, `cryptsetup reencrypt
    --encrypt`) with a ransom note or the recovery copies deleted, or with the keys that
    unlock it deleted and none added (`manage-bde -protectors -delete C: -type TPM`,
    `cryptsetup luksKillSlot`): the disk locked instead;
    a storage service's objects rewritten under a key only the caller holds (S3's SSE-C,
    `SSECustomerKey`, `--sse-c`) beside a note that they were encrypted; files packed into a
    password-sealed archive (`7z a -mhe=on -pKEY -sdel`, `rar a -hpKEY -df`, `zip -P KEY`)
    beside a note asking for payment. Data encrypted (`openssl enc`, `gpg -c`) beside a note
    written next to it that asks for payment to restore it, or says it is encrypted and whom
    to contact to get it back (`echo 'pay to restore' > README`). A screen locker: a
    ransom demand (the machine said locked, payment asked), an autostart that brings it back
    at every logon and a keyboard hook that keeps it from being dismissed. A demand spelt out
    to the victim (their files said encrypted, payment asked) beside their files deleted over
    a walk of their home or drives: the threat carried out, encrypted or not. Databases dropped
    whole (`dropDatabase()`, `DROP DATABASE`, `FLUSHALL`) or hosted repositories deleted
    (`DELETE /projects/:id`, `gh repo delete`) beside a demand for their return or silence
    (pay or contact within a deadline). The way back
    removed beside deleted files: shadow copies deleted (also each one a WMI query returned,
    in the loop below it: `For Each s In wmi.ExecQuery("... Win32_ShadowCopy")` ...
    `s.Delete_`), System Restore turned off or Windows Backup's images deleted, while the
    program deletes files (a ransomware's preparation, run before the encryptor). A kill
    list: the services of several kinds, backups among them, named in one list
    (`'sql','MSExchange','veeam','backup'`, `[]string{"mysql", "mongod", "veeam"}`, one
    `taskkill /IM veeam* /IM sqlservr.exe /IM msexchange*`, `Stop-Process -Name a,b,c`), stopped
    and kept from starting again (`Set-Service -StartupType Disabled`, `systemctl disable`),
    so the encryptor finds the files released and nothing left to restore them
    (`kill_lists.py`). Every virtual machine of an ESXi host killed (a loop over `esxcli vm
    process list` or `vim-cmd vmsvc/getallvms`) and then a program from a scratch folder run
    over `/vmfs/volumes`: the disks released and handed to an encryptor.

Why it is a redline (RL-MALWARE)
    This combination is the functional core of ransomware, whoever's files it runs on.

Example
    `for root, _, files in os.walk(home): ... Fernet(key).encrypt(data) ... os.remove(path)`
    followed by writing `README_DECRYPT.txt` and `vssadmin delete shadows /all /quiet`.

Allowed instead
    Encrypting one's own backup archive (`7z a -mhe=on -p"$(pass show backup)" ...`), a
    backup walker that copies files, encrypted copies written under another folder (an
    outbox, the NAS; each at its relative path under another root, originals kept and nothing
    sent, is no part of a locker either: `ordinary.mirrored_locally`; a copy moved back over
    its original, or the original emptied, keeps no original), archiving one
    application's rotated logs encrypted (picked by age),
    explaining how ransomware works, a YARA rule for a ransom note, a kiosk shell that starts
    at logon and blocks task switching, dropping one's own development databases, deleting
    one's own archived repositories, retiring one backup product (its own programs stopped
    and its service disabled), virtual machines powered off for maintenance and their disks
    cloned with `vmkfstools`, turning BitLocker on or replacing a volume's protector (`manage-bde
    -protectors -delete C: -type TPM` beside `-protectors -add C: -TPMAndPIN`).
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.kill_lists import stopped_kinds
from redline.redlines.ordinary import mirrored_locally
from redline.redlines.registry import Detection, detector, pieces, supported

_VOLUME = re.compile(r"BitLocker|manage-bde|cryptsetup", re.I)
"""An `ENCRYPT` hit that encrypts a whole volume in place."""


@detector("OUT-RANSOMWARE", redline="RL-MALWARE")
def ransomware(found: Capabilities) -> Detection | None:
    """File walk + encryption + destroyed originals, ransom note or shadow-copy deletion."""
    destroys = Cap.DELETE_FILE if Cap.DELETE_FILE in found else Cap.LOCK_EXTENSION
    extortion = [c for c in (Cap.RANSOM_NOTE, Cap.SHADOW_DELETE) if c in found]
    if found.has_all(Cap.WRITTEN_BESIDE, Cap.ENCRYPT, Cap.DELETE_FILE) and (
        Cap.KEY_TYPED not in found
    ):
        # Each visited file replaced by an encrypted copy beside it: locked in place, in any
        # folder, with no tell-tale extension or broad target needed. A passphrase typed by
        # whoever runs it leaves the key with them: encrypting one's own folder.
        core = (Cap.WRITTEN_BESIDE, Cap.ENCRYPT, Cap.DELETE_FILE, *extortion)
        return supported(found, 0.95 if extortion else 0.8, core, pieces(*core))
    if found.has_all(Cap.FILE_WALK, Cap.ENCRYPT, destroys):
        core = (Cap.FILE_WALK, Cap.ENCRYPT, destroys, *extortion)
        if extortion:
            return supported(found, 0.95, core, pieces(*core))
        if Cap.BROAD_TARGET in found or Cap.LOCK_EXTENSION in found:
            core = (*core, Cap.BROAD_TARGET, Cap.LOCK_EXTENSION)
            return supported(found, 0.8, core, pieces(Cap.FILE_WALK, Cap.ENCRYPT, destroys))
        # One application's own folder, encrypted and cleaned up: an archiving job's shape;
        # with a passphrase typed by whoever runs it, their own files sealed.
        score = 0.3 if Cap.KEY_TYPED in found else 0.5
        return supported(found, score, core, "encrypts and removes files in one folder tree")
    if Cap.DATASTORES_SEIZED in found:
        # Every virtual machine killed so its disks are released, then a program dropped in a
        # scratch folder run over the datastores: what an ESXi encryptor is launched with.
        seized = (Cap.DATASTORES_SEIZED, Cap.BROAD_TARGET)
        return supported(found, 0.85, seized, Cap.DATASTORES_SEIZED.value)
    if found.has_all(Cap.RANSOM_NOTE, Cap.DATA_STORE_DESTROY):
        # Databases dropped or hosted repositories deleted, with a demand left for their
        # return: the same extortion with the data destroyed rather than encrypted.
        core = (Cap.DATA_STORE_DESTROY, Cap.RANSOM_NOTE)
        return supported(found, 0.9, core, pieces(*core))
    if Cap.VOLUME_KEYS_REMOVED in found and any(
        _VOLUME.search(hit.text) for hit in found.hits.get(Cap.ENCRYPT, ())
    ):
        # A whole volume encrypted and the keys that unlock it deleted, none put in their
        # place: at the next start the owner is locked out of their own disk.
        core = (Cap.ENCRYPT, Cap.VOLUME_KEYS_REMOVED)
        if found.kind == "action" or found.on_one_line(Cap.ENCRYPT, Cap.VOLUME_KEYS_REMOVED):
            return supported(found, 0.85, core, "encrypts a volume and deletes its unlocking keys")
    if found.has_all(Cap.RANSOM_NOTE, Cap.FILE_WALK, Cap.DELETE_FILE, Cap.BROAD_TARGET) and any(
        " " in hit.text.strip() for hit in found.hits[Cap.RANSOM_NOTE]
    ):
        # A demand spelt out to the victim, and their files deleted over a walk of their home or
        # drives: extortion whose threat is carried out, encrypted or not (a clean-up removing
        # notes left by an attack names the notes' files, it does not address the victim).
        core = (Cap.RANSOM_NOTE, Cap.FILE_WALK, Cap.DELETE_FILE, Cap.BROAD_TARGET)
        return supported(found, 0.85, core, "a ransom demand and the victim's files deleted")
    if Cap.ENCRYPT in found and extortion:
        core = (Cap.ENCRYPT, *extortion)
        return supported(found, 0.8, core, pieces(*core))
    if found.has_all(Cap.RANSOM_NOTE, Cap.AUTORUN, Cap.KEY_HOOK):
        # A screen locker: the demand shown at every logon, the keyboard held so it cannot be
        # dismissed (a kiosk locks the screen without asking for money).
        core = (Cap.RANSOM_NOTE, Cap.AUTORUN, Cap.KEY_HOOK)
        return supported(
            found, 0.8, core, "a ransom screen that returns at logon and holds the keys"
        )
    if Cap.SHADOW_DELETE in found and found.count(
        Cap.FILE_WALK, Cap.DELETE_FILE, Cap.LOCK_EXTENSION
    ):
        core = (Cap.SHADOW_DELETE, Cap.FILE_WALK, Cap.DELETE_FILE, Cap.LOCK_EXTENSION)
        return supported(found, 0.7, core, "shadow-copy deletion alongside file destruction")
    if found.has_all(Cap.STOP_LIST, Cap.SERVICE_DISABLED):
        kinds = stopped_kinds(found)
        if len(kinds) >= 2 and "backups" in kinds:
            # Databases, mail and backup agents stopped from one list and kept from starting
            # again: files released for the encryptor and the way back closed with them.
            core = (Cap.STOP_LIST, Cap.SERVICE_DISABLED)
            return supported(
                found, 0.85, core, "stops and disables " + ", ".join(sorted(kinds)) + " services"
            )
    if found.has_all(Cap.FILE_WALK, Cap.ENCRYPT) and not mirrored_locally(found):
        # (each file's encrypted copy written to its own relative path under another folder,
        # the originals kept and nothing sent: an encrypted backup, no part of a locker)
        return supported(
            found, 0.4, (Cap.FILE_WALK, Cap.ENCRYPT), pieces(Cap.FILE_WALK, Cap.ENCRYPT)
        )
    return None
