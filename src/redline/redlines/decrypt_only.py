"""Ciphers made only to decrypt: a restore or a reader, not data encrypted.

A cipher object constructed (`AESGCM(key)`, `Aes.Create()`, `Fernet(key)`, `AES.new(key,
...)`, `Cipher.getInstance(...)`, `aes.NewCipher(key)`) is read as data being encrypted
(`Capability.ENCRYPT`), since the same object seals and opens. When the program only ever opens
with it (`aes.decrypt(nonce, ct, aad)`, `CreateDecryptor()`, `DECRYPT_MODE`,
`createDecipheriv`) and nothing in it encrypts, it reads what was sealed before. Over a walk of
a folder that is a restore tool, not a locker of anyone's files.

`without_decryption_only` drops the ENCRYPT hits that are such a constructor in a program that
walks a tree (`Capability.FILE_WALK`) and reads positively as opening only: it calls a
decrypting side, every side of a cipher it names is the decrypting one (no `.encrypt(`,
`CreateEncryptor`, `ENCRYPT_MODE`, `createCipheriv`, `.seal(`, and no other word of
encryption either: `encryptor`, a name built at run time, `getattr(box, 'en' + 'crypt')`), and
every mode it hands a cipher is the decrypt mode (`c.init(Cipher.DECRYPT_MODE, k)`, not
`c.init(restoring ? Cipher.DECRYPT_MODE : 1, k)`, 1 being `ENCRYPT_MODE`). A restore also
writes what it opens into another tree: a program that writes back over the files it reads
(`written_back`: `Files.write(p, c.doFinal(Files.readAllBytes(p)))`) keeps its hits, whatever
it calls its cipher's side. A loader decrypting its payload in memory walks nothing: its hits
stay. The hits that are no such constructor (`openssl enc`, `gpg --encrypt`, an archive sealed
with a password, BitLocker) are never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redline.redlines.capabilities import Capability, Hit
from redline.redlines.written_back import written_back

_CONSTRUCTOR = re.compile(
    r"(?:AESGCM|AESCCM|ChaCha20\w*|Fernet|Aes\.Create|Aes\]::Create|AesManaged|AesGcm|Rijndael\w*"
    r"|AES\.new|Cipher|Cipher\.getInstance|aes\.NewCipher|cipher\.NewGCM|chacha20poly1305\.New\w*"
    r"|nacl\.secret\.SecretBox|Aes256Gcm|aes_gcm::|XChaCha20Poly1305)\b\s*\(?",
    re.I,
)
"""An ENCRYPT hit that only constructs a cipher, which can seal or open."""
_DECRYPTING = re.compile(r"decrypt\w*\s*\(|CreateDecryptor|DECRYPT_MODE|createDecipheriv", re.I)
"""A call of a cipher's opening side."""
_ENCRYPTING = re.compile(
    r"encrypt\w{0,40}\s*\(|CreateEncryptor|ENCRYPT_MODE|createCipheriv|\.seal\s*\(", re.I
)
"""A call of a cipher's sealing side (not its opening side: `decrypt(` holds no `encrypt`)."""
_OTHER_WORD = re.compile(r"(?<!de)crypt(?!o|ed\b|ion)", re.I)
"""A word of a cipher's side that is not its opening side (`encryptor`, `'crypt'` in a name
built at run time); not `crypto`/`cryptography`, nor `encrypted`/`encryption` in a name or
a comment (`ENCRYPTION_KEY`, "the encrypted archive")."""
_MODE_GIVEN = re.compile(r"\.init\s*\(\s*(?!(?:Cipher\.)?DECRYPT_MODE\s*,)[^,()\n]{1,80},")
"""A cipher initialised in a mode that is not plainly the decrypt mode (a number, a variable, a
choice between modes)."""


def without_decryption_only(code: str, hits: Iterable[Hit]) -> list[Hit]:
    """`hits` less the ENCRYPT hits that only construct a cipher, in `code` that walks a tree
    (a restore), decrypts with it, names no other side or mode and writes nothing back over
    the files it reads. A payload a loader decrypts in memory walks nothing, and keeps its
    hits."""
    kept = list(hits)
    if not any(hit.capability is Capability.ENCRYPT for hit in kept):
        return kept
    if not any(hit.capability is Capability.FILE_WALK for hit in kept):
        return kept
    if "ecrypt" not in code.lower() and "Decipher" not in code:
        return kept
    if _DECRYPTING.search(code) is None or _ENCRYPTING.search(code) is not None:
        return kept
    if _OTHER_WORD.search(code) is not None or _MODE_GIVEN.search(code) is not None:
        return kept
    if written_back(code):
        return kept
    return [
        hit
        for hit in kept
        if hit.capability is not Capability.ENCRYPT or _CONSTRUCTOR.fullmatch(hit.text) is None
    ]
