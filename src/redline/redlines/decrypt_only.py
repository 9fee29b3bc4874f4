"""Ciphers made only to decrypt: a restore or a reader, not data encrypted.

A cipher object constructed (`AESGCM(key)`, `Aes.Create()`, `Fernet(key)`, `AES.new(key,
...)`, `Cipher.getInstance(...)`, `aes.NewCipher(key)`) is read as data being encrypted
(`Capability.ENCRYPT`), since the same object seals and opens. When the program only ever opens
with it (`aes.decrypt(nonce, ct, aad)`, `CreateDecryptor()`, `DECRYPT_MODE`,
`createDecipheriv`) and nothing in it encrypts, it reads what was sealed before. Over a walk of
a folder that is a restore tool, not a locker of anyone's files.

`without_decryption_only` drops the ENCRYPT hits that are such a constructor in a program that
walks a tree (`Capability.FILE_WALK`), calls a decrypting side and no encrypting one. A loader
decrypting its payload in memory walks nothing: its hits stay. A program that also encrypts
(`.encrypt(`, `CreateEncryptor`, `ENCRYPT_MODE`, `createCipheriv`, `EVP_EncryptInit`), and
every other spelling of encryption (`openssl enc`, `gpg --encrypt`, an archive sealed with a
password, BitLocker), keeps its hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redline.redlines.capabilities import Capability, Hit

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


def without_decryption_only(code: str, hits: Iterable[Hit]) -> list[Hit]:
    """`hits` less the ENCRYPT hits that only construct a cipher, in `code` that walks a tree
    (a restore), decrypts with it and encrypts nothing. A payload a loader decrypts in memory
    walks nothing, and keeps its hits."""
    kept = list(hits)
    if not any(hit.capability is Capability.ENCRYPT for hit in kept):
        return kept
    if not any(hit.capability is Capability.FILE_WALK for hit in kept):
        return kept
    if "ecrypt" not in code.lower() and "DECRYPT" not in code and "Decipher" not in code:
        return kept
    if _DECRYPTING.search(code) is None or _ENCRYPTING.search(code) is not None:
        return kept
    return [
        hit
        for hit in kept
        if hit.capability is not Capability.ENCRYPT or _CONSTRUCTOR.fullmatch(hit.text) is None
    ]
