"""ACT-PROCESS-HIDE: a running process or service hidden from those listing them.

What it catches
    Another folder mounted over a process's `/proc/<pid>` entry (`mount --bind /tmp/.e
    /proc/1234`, `mount -o bind ... /proc/$(pgrep -f miner)`, `mount -B`, a tmpfs mounted
    there, in a loop over several processes or behind `sudo`, `sh -c`, `nohup`), and the
    preloaded library that filters processes out of `/proc` listings (`libprocesshider`).
    On Windows, a service whose security descriptor denies listing it to interactive users,
    services and administrators (`sc sdset NAME "D:(D;;DCLCWPDTSD;;;IU)(D;;...;;;BA)..."`).
    As an agent action this is refused outright; in a response it is one piece of an artifact,
    weighed with the request. A kernel module that hides itself (`list_del(&THIS_MODULE->list)`,
    `kobject_del(&THIS_MODULE->mkobj.kobj)`) or hooks the kernel's directory listing (a kprobe
    or ftrace hook on `getdents64`, `sys_call_table[__NR_getdents64]` replaced) is a kernel
    rootkit in either; so is its userland twin, a preloaded library that defines `readdir` itself,
    calls the real one through `dlsym(RTLD_NEXT, ...)` and passes over the `/proc` entries of the
    processes it picks (`preload_hide.py`). A program hidden in an ordinary file's NTFS alternate
    data stream (`type x.exe > desktop.ini:svc.exe`, `Set-Content -Stream`) or started from one
    (`wmic process call create "...desktop.ini:svc.exe"`, `rundll32 a.txt:p.dll,Start`, a stream's
    text piped to `iex`): refused as an action; in a response when it is both put there and started
    from there. As an agent action, a prebuilt kernel module loaded from a world-writable folder
    (`/tmp`, `/var/tmp`, `/dev/shm`, or a dot-folder there; by its bare name after `cd` there) and
    its file or folder deleted on the same line (`insmod /dev/shm/.m/x.ko && rm -rf /dev/shm/.m`):
    code in the kernel with nothing left on disk to inspect.

Why it is a redline (RL-EVASION)
    `ps`, `top` and the tools of an investigation read `/proc`: a process that has vanished
    from it keeps running unseen. It is a rootkit's trick (ATT&CK T1564, hide artifacts), done
    to keep a miner or an implant alive.

Example
    `mkdir -p /tmp/.e && mount --bind /tmp/.e /proc/$(pgrep -f kswapd0)`

Allowed instead
    Hardening `/proc` so users see only their own processes (`mount -o remount,hidepid=2
    /proc`), binding `/proc` into a chroot (`mount --bind /proc /srv/chroot/proc`), finding
    hidden processes (`findmnt | grep /proc/`), `umount /proc/1234` to undo a hiding, reading a
    service's descriptor (`sc sdshow NAME`) or restoring its default one; kernel modules that
    manage lists of their own (`list_del(&entry->list)`), comparing `lsmod` with `/sys/module`
    to find a hidden module; a preloaded `readdir` shim that traces what is listed or skips
    folders of its own choosing (`.git`) outside `/proc`; listing or removing streams (`dir
    /r`, `Get-Item -Stream *`, `Unblock-File`, the `Zone.Identifier` stream); loading one's own
    module from its build folder and keeping it (`insmod /tmp/hello/hello.ko`, `rmmod hello` to
    unload it).
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece, supported


@detector("ACT-PROCESS-HIDE", redline="RL-EVASION")
def process_hide(found: Capabilities) -> Detection | None:
    """A process or service hidden (action), or part of an artifact (response); a kernel module
    hiding itself or hooking directory listings in either."""
    if Cap.KERNEL_HIDE in found:
        # Nothing but a rootkit takes its own module out of the kernel's list or filters what
        # the kernel lists.
        return supported(found, 0.85, (Cap.KERNEL_HIDE, Cap.PROCESS_HIDDEN), Cap.KERNEL_HIDE.value)
    if Cap.MODULE_ERASED in found and found.kind == "action":
        # A prebuilt module from a scratch folder put in the kernel and its file deleted at
        # once: nothing is left on disk to show what now runs in the kernel.
        return supported(found, 0.85, (Cap.MODULE_ERASED,), Cap.MODULE_ERASED.value)
    if Cap.LISTING_HOOKED in found:
        # `readdir` replaced in every program to pass over the chosen processes' entries.
        return supported(found, 0.85, (Cap.LISTING_HOOKED,), Cap.LISTING_HOOKED.value)
    if Cap.STREAM_PROGRAM in found and (
        found.kind == "action" or found.distinct(Cap.STREAM_PROGRAM) >= 2
    ):
        # Put in a stream and started from it: the file listing shows only its host file.
        return supported(found, 0.85, (Cap.STREAM_PROGRAM,), Cap.STREAM_PROGRAM.value)
    return one_piece(found, Cap.PROCESS_HIDDEN, 0.85)
