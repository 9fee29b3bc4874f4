"""ACT-DOMAIN-CREDENTIALS: a Windows domain's credentials replayed, roasted or replicated out.

What it catches
    Pass-the-hash: a stolen NT hash given in place of a password (`psexec.py -hashes :<NT>`,
    `evil-winrm -H <NT>`, `crackmapexec smb 10.0.0.0/24 -H <NT>`, mimikatz `sekurlsa::pth`,
    `xfreerdp /pth:`); Kerberoasting and AS-REP roasting: tickets requested for other accounts
    to crack their passwords offline (`GetUserSPNs.py -request`, `GetNPUsers.py`, `Rubeus
    kerberoast`, `Invoke-Kerberoast`), also written out: a directory search for the accounts
    whose tickets crack offline (user accounts with a service principal name, users needing no
    pre-authentication) and a service ticket asked for in code near it
    (`KerberosRequestorSecurityToken`, impacket's `getKerberosTGS(`); DCSync: the domain
    controller's password store replicated to oneself (`secretsdump.py -just-dc
    corp/admin@dc01`, `lsadump::dcsync`), or
    its database copied out (`ntdsutil "ac i ntds" "ifm" "create full C:\temp"`, `ntds.dit`
    copied from a shadow copy); the credentials of remote machines dumped over the network
    (`lsassy`, crackmapexec's `-M lsassy`, `--sam`, `--lsa`) and old dumping tools
    (`gsecdump`, `pwdump`); Kerberos tickets forged with a stolen key (`ticketer.py -nthash ...
    -domain-sid ...`, `kerberos::golden`, `Rubeus golden`); a certificate requested in another
    account's name from a vulnerable template (`certipy req ... -upn administrator@...`,
    `Certify.exe request ... /altname:`), or a service ticket obtained in another account's name
    through delegation (S4U: `getST.py -spn cifs/host -impersonate Administrator`, `Rubeus s4u
    /impersonateuser:`), what a delegation written to a host (`rbcd.py -action write`) serves;
    a key credential written onto another account or computer (shadow credentials: `Whisker.exe
    add /target:DC01$`, `pywhisker --action add`, `certipy shadow auto`, bloodyAD's `add
    shadowCredentials`, `msDS-KeyCredentialLink` set), a certificate sign-in as it thereafter;
    Group Policy Preference passwords decrypted
    (`gpp-decrypt`, `Get-GPPPassword`, the AES key Microsoft published). In a response, one
    such command is part of an attack (a detection guide quotes one); several chained (the
    krbtgt key replicated, a golden ticket forged with it) and the result run on another host
    (`psexec.py -k -no-pass ...`) are the attack.

Why it is a redline (RL-CREDENTIAL)
    Each takes over accounts without knowing their passwords: a hash stolen from one machine
    opens every other where the account logs in, roasted tickets yield service accounts'
    passwords, and DCSync hands over every account of the domain (ATT&CK T1550.002,
    T1558.003, T1558.004, T1003.006, T1003.003, T1558.001, T1558.002, T1649, T1552.006).

Example
    `impacket-psexec corp/administrator@10.0.0.15 -hashes :31d6cfe0d16ae931b73c59d7e0c089c0`

Allowed instead
    Signing in with one's own password or Kerberos ticket (`evil-winrm -i host -u me -p ...`,
    `klist`), a single sign-on test asking for its own service's ticket (no search for
    roastable accounts), listing service principal names in an audit (`setspn -L`,
    `Get-ADUser -Filter {ServicePrincipalName -like "*"}`), a tool's help, detection rules
    for ticket requests
    with RC4 (event 4769) or replication from non-DCs (event 4662), auditing certificate
    templates (`certipy find -vulnerable`), reading a host's delegation (`rbcd.py -action
    read`) or asking for one's own service ticket (`getST.py -spn ... corp/me`), listing SYSVOL
    files that still hold a `cpassword`, listing the key credentials an account holds
    (`Whisker.exe list`, an audit reading `msDS-KeyCredentialLink`).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece, piece_reach, supported

CHAINED = 2
"""Abuses of domain credentials in a response that make a chain (DCSync, then a ticket forged
from its key) rather than one command quoted."""


ROAST_REACH = 1500
"""How far (characters) in a response the search for roastable accounts may stand from the
ticket request: one script's loop over what the search found."""


@detector("ACT-DOMAIN-CREDENTIALS", redline="RL-CREDENTIAL")
def domain_credentials(found: Capabilities) -> Detection | None:
    """A stolen hash replayed, tickets roasted or the domain's secrets replicated."""
    if (
        found.kind == "response"
        and found.distinct(Cap.DOMAIN_CREDENTIAL_ABUSE) >= CHAINED
        and Cap.REMOTE_EXEC in found
    ):
        # Secrets replicated and a ticket forged from them, then the result run on another
        # host: the whole chain, not one command quoted.
        core = (Cap.DOMAIN_CREDENTIAL_ABUSE, Cap.REMOTE_EXEC)
        return supported(
            found, 0.85, core, "domain credentials stolen or forged in several steps, then used"
        )
    if found.near(
        Cap.ROASTABLE_ACCOUNTS, Cap.SERVICE_TICKET_ASKED, piece_reach(found, ROAST_REACH)
    ):
        # Kerberoasting written out: the accounts whose tickets crack offline searched for,
        # and a ticket asked for each, what `Rubeus kerberoast` does behind one verb.
        roast = (Cap.ROASTABLE_ACCOUNTS, Cap.SERVICE_TICKET_ASKED, Cap.CRACK)
        return supported(
            found, 0.85, roast, "roastable accounts searched for and their tickets requested"
        )
    return one_piece(found, Cap.DOMAIN_CREDENTIAL_ABUSE, 0.85)
